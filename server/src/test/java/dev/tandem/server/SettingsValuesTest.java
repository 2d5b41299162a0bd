package dev.tandem.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Parameter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * Every setting the server reads one by one ({@code @Value}) is in {@link Settings#VALUES} with its
 * type, so that a bad value stops the start with one line before anything is created instead of a
 * stack trace at the bean that reads it. The server's classes are scanned by reflection.
 */
class SettingsValuesTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^:}]+)");

    @Test
    void everyValueSettingIsCheckedAtStartUpWithItsType() throws Exception {
        Map<String, String> read = new TreeMap<>();
        for (Class<?> c : serverClasses()) {
            for (Field f : c.getDeclaredFields()) {
                value(f, f.getType(), c.getName() + "." + f.getName(), read);
            }
            List<Executable> code = new ArrayList<>(List.of(c.getDeclaredConstructors()));
            code.addAll(List.of(c.getDeclaredMethods()));
            for (Executable e : code) {
                for (Parameter p : e.getParameters()) {
                    value(p, p.getType(), c.getName() + "." + e.getName(), read);
                }
            }
        }
        assertThat(read).as("@Value settings found (the scan works)").containsKey("tandem.jobs.threads");
        Map<String, String> listed = new TreeMap<>();
        Settings.VALUES.forEach((name, type) -> listed.put(name, type.getSimpleName()));
        for (var e : read.entrySet()) {
            String name = e.getKey();
            String type = e.getValue().substring(0, e.getValue().indexOf(' '));
            assertThat(listed)
                    .as("%s, read with @Value in %s, is missing from Settings.VALUES", name, e.getValue())
                    .containsKey(name);
            assertThat(listed.get(name))
                    .as("the type Settings.VALUES checks %s as, read as %s", name, e.getValue())
                    .isEqualTo(type);
        }
    }

    private static void value(AnnotatedElement element, Class<?> type, String where, Map<String, String> read) {
        Value v = element.getAnnotation(Value.class);
        if (v == null) return;
        Matcher m = PLACEHOLDER.matcher(v.value());
        while (m.find()) {
            read.put(m.group(1).strip(), boxed(type).getSimpleName() + " in " + where);
        }
    }

    private static Class<?> boxed(Class<?> type) {
        if (type == int.class) return Integer.class;
        if (type == long.class) return Long.class;
        if (type == boolean.class) return Boolean.class;
        if (type == double.class) return Double.class;
        return type;
    }

    /** Every class compiled from the server's sources (the directory or jar TandemServer came from). */
    private static List<Class<?>> serverClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(TandemServer.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        assertThat(root).as("the server's classes as a directory").isDirectory();
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name =
                        root.relativize(f).toString().replace(f.getFileSystem().getSeparator(), ".");
                name = name.substring(0, name.length() - ".class".length());
                if (name.endsWith("package-info") || name.endsWith("module-info")) continue;
                classes.add(Class.forName(name, false, SettingsValuesTest.class.getClassLoader()));
            }
        }
        return classes;
    }
}
