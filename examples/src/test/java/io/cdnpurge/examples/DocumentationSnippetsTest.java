package io.cdnpurge.examples;

import org.junit.jupiter.api.Test;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Java snippet of the README and the provider pages compiles against this build, so the documentation cannot
 * rot: each block is the body of a method, with the project's packages imported.
 */
class DocumentationSnippetsTest {
    private static final String IMPORTS = String.join("\n",
            "import io.cdnpurge.*;",
            "import io.cdnpurge.testing.*;",
            "import io.cdnpurge.fakes.*;",
            "import io.cdnpurge.fakes.cloudflare.*;",
            "import io.cdnpurge.fakes.akamai.*;",
            "import io.cdnpurge.fakes.fastly.*;",
            "import io.cdnpurge.fakes.cloudfront.*;",
            "import io.cdnpurge.cloudflare.*;",
            "import io.cdnpurge.akamai.*;",
            "import io.cdnpurge.fastly.*;",
            "import io.cdnpurge.cloudfront.*;",
            "import io.cdnpurge.edgecast.*;",
            "import io.cdnpurge.fakes.edgecast.*;",
            "import io.cdnpurge.highwinds.*;",
            "import io.cdnpurge.fakes.highwinds.*;",
            "import io.cdnpurge.verify.*;",
            "import io.cdnpurge.outbox.*;",
            "import io.cdnpurge.bucket4j.*;",
            "import io.cdnpurge.micrometer.*;",
            "import io.micrometer.core.instrument.MeterRegistry;",
            "import io.micrometer.observation.ObservationRegistry;",
            "import org.springframework.beans.factory.annotation.Autowired;",
            "import org.springframework.stereotype.Service;",
            "import javax.sql.DataSource;",
            "import java.nio.file.*;",
            "import java.time.*;",
            "import java.util.*;",
            "import static org.assertj.core.api.Assertions.*;");

    /** A snippet: where it is, and its code. */
    private static final class Snippet {
        final String where;
        final String code;

        Snippet(String where, String code) {
            this.where = where;
            this.code = code;
        }
    }

    private static List<Snippet> snippets(Path file) throws IOException {
        List<Snippet> snippets = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        StringBuilder code = null;
        int start = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (code == null && line.trim().equals("```java")) {
                code = new StringBuilder();
                start = i + 2;
            } else if (code != null && line.trim().equals("```")) {
                snippets.add(new Snippet(file + ":" + start, code.toString()));
                code = null;
            } else if (code != null) {
                code.append(line).append('\n');
            }
        }
        return snippets;
    }

    @Test
    void everyJavaSnippetOfTheDocumentationCompiles() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(Path.of("../README.md"));
        try (Stream<Path> pages = Files.list(Path.of("../docs/providers"))) {
            pages.filter(page -> page.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        List<Snippet> snippets = new ArrayList<>();
        for (Path file : files) {
            snippets.addAll(snippets(file));
        }
        assertThat(snippets).as("the README has Java snippets").hasSizeGreaterThanOrEqualTo(3);

        List<JavaFileObject> sources = new ArrayList<>();
        for (int i = 0; i < snippets.size(); i++) {
            String name = "Snippet" + i;
            String source = IMPORTS + "\nclass " + name + " {\n    void run() throws Exception {\n"
                    + snippets.get(i).code + "    }\n}\n";
            sources.add(new SimpleJavaFileObject(URI.create("string:///" + name + ".java"),
                    JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source;
                }
            });
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Path out = Files.createTempDirectory("snippets");
        boolean compiled = compiler.getTask(null, null, diagnostics, List.of("-classpath",
                System.getProperty("java.class.path"), "-d", out.toString(), "-proc:none"), null, sources).call();

        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
            if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
                int index = Integer.parseInt(diagnostic.getSource().getName().replaceAll("\\D", ""));
                long line = diagnostic.getLineNumber() - IMPORTS.split("\n").length - 2;
                errors.add(snippets.get(index).where + " (line " + line + " of the snippet): "
                        + diagnostic.getMessage(Locale.ROOT));
            }
        }
        assertThat(errors).as("snippets that do not compile").isEmpty();
        assertThat(compiled).isTrue();
    }
}
