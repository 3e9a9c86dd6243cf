package studio.queryset.app.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One autosave per window, each guarded by a lock its process holds: a living window's work is never offered to
 * (or deleted by) another, a crashed one's is offered until the user decides, and an unreadable one is kept.
 */
class RecoveryStoreTest {

    @TempDir
    Path settings;

    @Test
    void twoWindowsKeepTheirOwnAutosaveAndNeverSeeEachOthers() throws Exception {
        RecoveryStore first = new RecoveryStore(settings);
        RecoveryStore second = new RecoveryStore(settings);
        Files.writeString(first.own(), "first");
        Files.writeString(second.own(), "second");
        assertThat(first.own()).isNotEqualTo(second.own());
        assertThat(first.orphans()).as("the other window lives: its file is not an orphan").isEmpty();
        assertThat(second.orphans()).isEmpty();
        first.release();
        assertThat(Files.readString(second.own())).isEqualTo("second");
        second.release();
    }

    @Test
    void aCrashedWindowsAutosaveIsOfferedUntilRecoveredOrDiscarded() throws Exception {
        Path folder = Files.createDirectories(settings.resolve(RecoveryStore.FOLDER));
        Path crashed = Files.writeString(folder.resolve("dead-window.qsdesign"), "lost work");
        Files.writeString(folder.resolve("dead-window.lock"), ""); // its process is gone: nobody holds the lock
        RecoveryStore store = new RecoveryStore(settings);
        assertThat(store.orphans()).containsExactly(crashed);
        store.deleteOwn(); // opening a design, New...: never touches another window's file
        assertThat(store.orphans()).containsExactly(crashed);

        Path mine = store.adopt(crashed);
        assertThat(Files.readString(mine)).isEqualTo("lost work");
        assertThat(crashed).doesNotExist();
        assertThat(new RecoveryStore(settings).orphans()).as("adopted: held by this window now").isEmpty();
        store.release();
        assertThat(mine).doesNotExist();
    }

    @Test
    void theOldSharedFileIsOfferedAndUnreadableOnesAreSetAsideNotDeleted() throws Exception {
        Path legacy = Files.writeString(settings.resolve(DocumentModel.RECOVERY), "{ not json");
        RecoveryStore store = new RecoveryStore(settings);
        assertThat(store.orphans()).containsExactly(legacy);
        Path aside = store.setAside(legacy);
        assertThat(aside).exists().hasFileName(DocumentModel.RECOVERY + ".unreadable");
        assertThat(store.orphans()).isEmpty();
        store.discard(aside);
        assertThat(aside).doesNotExist();
    }
}
