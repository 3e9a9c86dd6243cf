package studio.queryset.app.document;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import studio.queryset.design.DesignFile;

/**
 * Autosave files, one per window, like an editor's swap files: {@code recovery/<id>.qsdesign} beside a
 * {@code <id>.lock} that the window's process holds locked while it lives. A file whose lock nobody holds was
 * left by a crash: it is offered at the next start and stays until the user recovers or discards it, whatever
 * else that start does (opening a design given on the command line, a second window autosaving its own work).
 */
public final class RecoveryStore {
    static final String FOLDER = "recovery";

    private final Path folder;
    private final Path legacy;
    private Path own;
    private FileChannel ownLockChannel;
    private FileLock ownLock;

    public RecoveryStore(Path settingsDir) {
        this.folder = settingsDir.resolve(FOLDER);
        this.legacy = settingsDir.resolve(DocumentModel.RECOVERY); // one shared file, as older versions wrote
    }

    /** This window's autosave file; its lock is taken on first use and held until the process ends. */
    public synchronized Path own() throws IOException {
        if (own == null) {
            Files.createDirectories(folder);
            String id = UUID.randomUUID().toString().substring(0, 13);
            Path file = folder.resolve(id + DesignFile.EXTENSION);
            ownLockChannel = FileChannel.open(lockOf(file), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            ownLock = ownLockChannel.tryLock();
            own = file;
        }
        return own;
    }

    /** Removes this window's autosave (a clean close, a save, a new or opened design). */
    public synchronized void deleteOwn() {
        if (own == null) {
            return;
        }
        try {
            Files.deleteIfExists(own);
        } catch (IOException ignored) {
            // left behind, it is offered at the next start: nothing is lost
        }
    }

    /** Ends this window's claim (the window closed cleanly): its lock goes with its file. */
    public synchronized void release() {
        deleteOwn();
        try {
            if (ownLock != null) {
                ownLock.release();
            }
            if (ownLockChannel != null) {
                ownLockChannel.close();
            }
            if (own != null) {
                Files.deleteIfExists(lockOf(own));
            }
        } catch (IOException ignored) {
            // a stale lock file without a design is skipped by orphans()
        }
        own = null;
        ownLock = null;
        ownLockChannel = null;
    }

    /** Autosaves that no living window holds, newest first. */
    public List<Path> orphans() {
        List<Path> out = new ArrayList<>();
        if (Files.isRegularFile(legacy)) {
            out.add(legacy);
        }
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                files.filter(p -> p.getFileName().toString().endsWith(DesignFile.EXTENSION))
                        .filter(p -> !p.equals(own) && !heldByALivingWindow(p))
                        .forEach(out::add);
            } catch (IOException ignored) {
                // an unreadable folder offers nothing; its files stay for a later start
            }
        }
        out.sort(Comparator.comparing(RecoveryStore::modified).reversed());
        return out;
    }

    /**
     * Makes an orphan this window's own autosave (it moves, it is not copied), so that it stays safe until the
     * recovered design is saved, and a crash now leaves it to be offered again.
     */
    public synchronized Path adopt(Path orphan) throws IOException {
        Path mine = own();
        Files.move(orphan, mine, StandardCopyOption.REPLACE_EXISTING);
        deleteLockOf(orphan);
        return mine;
    }

    /** The user discarded it. */
    public void discard(Path orphan) throws IOException {
        Files.deleteIfExists(orphan);
        deleteLockOf(orphan);
    }

    /** An autosave that cannot be read is kept under a name that is not offered again, and the name is told. */
    public Path setAside(Path orphan) throws IOException {
        Path aside = orphan.resolveSibling(orphan.getFileName() + ".unreadable");
        Files.move(orphan, aside, StandardCopyOption.REPLACE_EXISTING);
        deleteLockOf(orphan);
        return aside;
    }

    private void deleteLockOf(Path design) {
        if (!design.equals(legacy)) {
            try {
                Files.deleteIfExists(lockOf(design));
            } catch (IOException ignored) {
                // a lock file without its design is never offered
            }
        }
    }

    private static Path lockOf(Path design) {
        String name = design.getFileName().toString();
        return design.resolveSibling(name.substring(0, name.length() - DesignFile.EXTENSION.length()) + ".lock");
    }

    private static boolean heldByALivingWindow(Path design) {
        Path lock = lockOf(design);
        if (!Files.exists(lock)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.WRITE)) {
            FileLock probe = ch.tryLock();
            if (probe == null) {
                return true; // another process holds it
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // another window of this process holds it
        } catch (IOException e) {
            return true; // cannot tell: never offer (and never delete) another window's work
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
