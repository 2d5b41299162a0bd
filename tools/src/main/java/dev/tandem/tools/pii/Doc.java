package dev.tandem.tools.pii;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.tandem.pii.Entity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A generated file's bytes and the labels of the personal data placed in it. */
final class Doc {
    record Label(String file, long start, long end, Entity entity) {}

    private byte[] buf = new byte[1 << 16];
    private int len;
    final String name;
    final List<Label> labels = new ArrayList<>();

    Doc(String name) {
        this.name = name;
    }

    int length() {
        return len;
    }

    Doc text(String s) {
        byte[] b = s.getBytes(UTF_8);
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
        return this;
    }

    Doc entity(Entity e, String value) {
        int start = len;
        text(value);
        labels.add(new Label(name, start, len, e));
        return this;
    }

    byte[] bytes() {
        return Arrays.copyOf(buf, len);
    }

    private void ensure(int n) {
        if (len + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
}
