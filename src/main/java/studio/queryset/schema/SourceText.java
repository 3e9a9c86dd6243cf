package studio.queryset.schema;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a Python source file as Python does: UTF-8 unless a PEP 263 coding line in the first two lines says otherwise. */
final class SourceText {
    private static final Pattern CODING = Pattern.compile("^[ \\t\\f]*#.*?coding[:=][ \\t]*([-\\w.]+)");

    private SourceText() {
    }

    static String read(Path file, String shownName) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int start = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            start = 3;
        }
        Charset charset = StandardCharsets.UTF_8;
        String declared = codingOf(bytes, start);
        if (declared != null) {
            try {
                charset = Charset.forName(declared.equalsIgnoreCase("latin-1") ? "ISO-8859-1" : declared);
            } catch (IllegalArgumentException e) {
                throw new SchemaException(shownName, "unknown encoding '" + declared + "' in the coding line", 1);
            }
        }
        String text;
        if (charset.equals(StandardCharsets.UTF_8)) {
            // the JDK's own UTF-8 path is many times faster than a decoder loop on a first, interpreted run; only
            // when it replaced something (or the file holds U+FFFD) does the strict decoder look for the bad byte
            text = new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
            if (text.indexOf('\uFFFD') >= 0) {
                text = strict(bytes, start, charset, declared, shownName);
            }
        } else {
            text = strict(bytes, start, charset, declared, shownName);
        }
        if (text.indexOf('\0') >= 0) {
            throw new SchemaException(shownName, "the file contains a NUL character at offset "
                    + text.indexOf('\0') + "; it looks binary, not Python source", 0);
        }
        return text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** Decodes reporting the first byte the charset cannot read, with its offset and line. */
    private static String strict(byte[] bytes, int start, Charset charset, String declared, String shownName)
            throws java.nio.charset.CharacterCodingException {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        var result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            for (int k = 0; k < offset; k++) {
                if (bytes[k] == '\n') {
                    line++;
                }
            }
            throw new SchemaException(shownName, "cannot decode byte 0x" + String.format("%02x", bytes[offset] & 0xff)
                    + " at byte offset " + offset + " as " + charset.name()
                    + (declared == null ? " (Python's default; a '# -*- coding: latin-1 -*-' line would declare "
                    + "another encoding)" : " (declared by the coding line)")
                    + (hasNul(bytes) ? "; the file looks binary" : ""), line);
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }

    private static boolean hasNul(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }

    private static String codingOf(byte[] bytes, int start) {
        int pos = start;
        for (int lineNo = 0; lineNo < 2 && pos < bytes.length; lineNo++) {
            int end = pos;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            String line = new String(bytes, pos, end - pos, StandardCharsets.ISO_8859_1);
            Matcher m = CODING.matcher(line);
            if (m.find()) {
                return m.group(1);
            }
            if (!line.trim().isEmpty() && !line.trim().startsWith("#")) {
                return null;
            }
            pos = end + 1;
        }
        return null;
    }

}
