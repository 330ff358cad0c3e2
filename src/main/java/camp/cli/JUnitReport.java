package camp.cli;

import camp.diag.Diagnostic;
import camp.diag.DiagnosticRenderer;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code camp check --format junit}: the result of each checked file as a JUnit XML test, the
 * report format that CI servers (GitLab's {@code artifacts:reports:junit}, Jenkins, Azure
 * Pipelines, CircleCI) read.
 *
 * <pre>
 * testsuites name="camp check" tests failures errors time
 *   testsuite name=FILE tests="1" failures errors skipped="0" time      (one per file)
 *     testcase name=FILE classname="camp.check" time
 *       failure message=FIRST type=CODE   the file's errors, each rendered as camp check prints it
 *       error message=WHY type="unreadable" a file that could not be read
 *       system-out                         the file's warnings
 * </pre>
 *
 * A file fails when it has an error (or, with {@code --werror}, a warning): one {@code failure}
 * per file, whose text lists every failing diagnostic with its line and column; readers that show
 * one failure per test (most do) show them all. The XML is ASCII: other characters are written
 * as character references, so that it stays valid whatever the output encoding.
 */
final class JUnitReport {
    private final DiagnosticRenderer renderer = new DiagnosticRenderer(false);
    private final boolean warningsFail;

    JUnitReport(boolean warningsFail) {
        this.warningsFail = warningsFail;
    }

    /** One checked file: its name as given, its diagnostics (its imports' too), why it could not be read, how long it took. */
    record FileResult(String name, List<Diagnostic> diagnostics, String unreadable, long nanos) {
        FileResult {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    String write(List<FileResult> files) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(text); // the JDK's writer, whatever the classpath holds
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            x.writeAttribute("name", "camp check");
            x.writeAttribute("tests", String.valueOf(files.size()));
            x.writeAttribute("failures", String.valueOf(files.stream().filter(this::fails).count()));
            x.writeAttribute("errors", String.valueOf(files.stream().filter(f -> f.unreadable() != null).count()));
            x.writeAttribute("time", seconds(files.stream().mapToLong(FileResult::nanos).sum()));
            for (FileResult f : files) {
                suite(x, f);
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return ascii(text.toString());
    }

    private void suite(XMLStreamWriter x, FileResult f) throws XMLStreamException {
        List<Diagnostic> failing = failing(f);
        List<Diagnostic> others = f.diagnostics().stream().filter(d -> !failing.contains(d)).toList();
        x.writeCharacters("\n  ");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", clean(f.name()));
        x.writeAttribute("tests", "1");
        x.writeAttribute("failures", fails(f) ? "1" : "0");
        x.writeAttribute("errors", f.unreadable() != null ? "1" : "0");
        x.writeAttribute("skipped", "0");
        x.writeAttribute("time", seconds(f.nanos()));
        x.writeCharacters("\n    ");
        boolean empty = failing.isEmpty() && others.isEmpty() && f.unreadable() == null;
        if (empty) {
            x.writeEmptyElement("testcase");
        } else {
            x.writeStartElement("testcase");
        }
        x.writeAttribute("name", clean(f.name()));
        x.writeAttribute("classname", "camp.check");
        x.writeAttribute("time", seconds(f.nanos()));
        if (!empty) {
            if (f.unreadable() != null) {
                x.writeCharacters("\n      ");
                x.writeEmptyElement("error");
                x.writeAttribute("message", clean(f.unreadable()));
                x.writeAttribute("type", "unreadable");
            }
            if (!failing.isEmpty()) {
                Diagnostic first = failing.get(0);
                x.writeCharacters("\n      ");
                x.writeStartElement("failure");
                x.writeAttribute("message", clean(position(first) + ": " + first.severity().label() + "[" + first.code().id() + "]: "
                        + first.message() + (failing.size() > 1 ? " (and " + (failing.size() - 1) + " more)" : "")));
                x.writeAttribute("type", first.code().id());
                x.writeCharacters(clean(listing(failing)));
                x.writeEndElement();
            }
            if (!others.isEmpty()) {
                x.writeCharacters("\n      ");
                x.writeStartElement("system-out");
                x.writeCharacters(clean(listing(others)));
                x.writeEndElement();
            }
            x.writeCharacters("\n    ");
            x.writeEndElement();
        }
        x.writeCharacters("\n  ");
        x.writeEndElement();
    }

    private boolean fails(FileResult f) {
        return !failing(f).isEmpty();
    }

    private List<Diagnostic> failing(FileResult f) {
        return f.diagnostics().stream().filter(d -> d.isError() || warningsFail).toList();
    }

    /** Every diagnostic as camp check prints it: FILE:LINE:COL: severity[CODE]: message, the line, a caret, the help. */
    private String listing(List<Diagnostic> diagnostics) {
        StringBuilder b = new StringBuilder();
        b.append(CheckCommand.summary(Diagnostic.errorCount(diagnostics), diagnostics.size() - Diagnostic.errorCount(diagnostics), 1))
                .append('\n');
        for (Diagnostic d : diagnostics) {
            b.append(renderer.render(d));
        }
        return b.toString();
    }

    static String position(Diagnostic d) {
        return d.fileName() + ":" + d.line() + ":" + d.column();
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
    }

    /** The text without the characters XML 1.0 cannot hold (controls other than tab and newlines, lone surrogates). */
    static String clean(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            boolean allowed = cp == 0x9 || cp == 0xA || cp == 0xD || cp >= 0x20 && cp <= 0xD7FF || cp >= 0xE000 && cp <= 0xFFFD
                    || cp >= 0x10000 && cp <= 0x10FFFF;
            b.appendCodePoint(allowed ? cp : 0xFFFD);
            i += Character.charCount(cp);
        }
        return b.toString();
    }

    /** Characters beyond ASCII as character references: valid in text and attributes, whatever the encoding. */
    static String ascii(String xml) {
        StringBuilder b = new StringBuilder(xml.length());
        xml.codePoints().forEach(cp -> {
            if (cp < 0x80) {
                b.append((char) cp);
            } else {
                b.append("&#x").append(Integer.toHexString(cp).toUpperCase(Locale.ROOT)).append(';');
            }
        });
        return b.toString();
    }
}
