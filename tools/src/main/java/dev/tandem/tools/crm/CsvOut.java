package dev.tandem.tools.crm;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes RFC 4180 CSV as Salesforce does (every field quoted), counting bytes and rows. */
final class CsvOut implements AutoCloseable {
    private final Writer out;
    private final int columns;
    private final StringBuilder line = new StringBuilder(512);
    long bytes;
    long rows;

    CsvOut(Path file, List<String> header) {
        try {
            Files.createDirectories(file.getParent());
            this.out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.columns = header.size();
        row(header.toArray(new String[0]));
        rows = 0;
    }

    void row(String... fields) {
        if (fields.length != columns) {
            throw new IllegalArgumentException("expected " + columns + " fields, got " + fields.length);
        }
        line.setLength(0);
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append('"');
            String f = fields[i];
            if (f.indexOf('"') >= 0) {
                line.append(f.replace("\"", "\"\""));
            } else {
                line.append(f);
            }
            line.append('"');
        }
        line.append("\r\n");
        try {
            out.append(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bytes += line.length();
        rows++;
    }

    /** Writes a raw line as is (to inject malformed rows on purpose). */
    void raw(String text) {
        try {
            out.append(text).append("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bytes += text.length() + 2;
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
