package camp.cli;

import camp.diag.Diagnostic;
import camp.diag.DiagnosticRenderer;
import camp.run.TestRunner;
import java.io.StringWriter;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code camp test --format junit}: JUnit XML as CI servers read it.
 *
 * <pre>
 * testsuites name="camp test" tests failures errors time
 *   testsuite name=FILE tests failures errors skipped="0" time    (one per test file)
 *     testcase name=TEST classname=FILE time                      (one per test)
 *       failure message=FIRST type=CODE   every failed expectation, rendered as camp test prints it
 *     testcase name=FILE classname=FILE                           (a file with errors: nothing of it ran)
 *       error message=FIRST type=CODE     the file's errors
 * </pre>
 */
final class TestJUnit {
    private final DiagnosticRenderer renderer = new DiagnosticRenderer(false);

    String write(List<TestCommand.FileRun> runs) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(text); // the JDK's writer, whatever the classpath holds
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            x.writeAttribute("name", "camp test");
            x.writeAttribute("tests", String.valueOf(runs.stream().mapToLong(this::cases).sum()));
            x.writeAttribute("failures", String.valueOf(runs.stream().mapToLong(this::failures).sum()));
            x.writeAttribute("errors", String.valueOf(runs.stream().filter(r -> !r.errors().isEmpty()).count()));
            x.writeAttribute("time", JUnitReport.seconds(runs.stream().mapToLong(TestCommand.FileRun::nanos).sum()));
            for (TestCommand.FileRun r : runs) {
                suite(x, r);
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return JUnitReport.ascii(text.toString());
    }

    private long cases(TestCommand.FileRun r) {
        return r.errors().isEmpty() ? r.results().size() : 1;
    }

    private long failures(TestCommand.FileRun r) {
        return r.results().stream().filter(t -> !t.passed()).count();
    }

    private void suite(XMLStreamWriter x, TestCommand.FileRun r) throws XMLStreamException {
        String file = JUnitReport.clean(r.checked().source().name());
        x.writeCharacters("\n  ");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", file);
        x.writeAttribute("tests", String.valueOf(cases(r)));
        x.writeAttribute("failures", String.valueOf(failures(r)));
        x.writeAttribute("errors", r.errors().isEmpty() ? "0" : "1");
        x.writeAttribute("skipped", "0");
        x.writeAttribute("time", JUnitReport.seconds(r.nanos()));
        if (!r.errors().isEmpty()) {
            x.writeCharacters("\n    ");
            x.writeStartElement("testcase");
            x.writeAttribute("name", file);
            x.writeAttribute("classname", file);
            x.writeAttribute("time", JUnitReport.seconds(r.nanos()));
            problem(x, "error", r.errors());
            x.writeCharacters("\n    ");
            x.writeEndElement();
        }
        for (TestRunner.Result t : r.results()) {
            x.writeCharacters("\n    ");
            if (t.passed()) {
                x.writeEmptyElement("testcase");
            } else {
                x.writeStartElement("testcase");
            }
            x.writeAttribute("name", JUnitReport.clean(t.test().name()));
            x.writeAttribute("classname", file);
            x.writeAttribute("time", JUnitReport.seconds(t.nanos()));
            if (!t.passed()) {
                problem(x, "failure", t.failures(), t);
                x.writeCharacters("\n    ");
                x.writeEndElement();
            }
        }
        x.writeCharacters("\n  ");
        x.writeEndElement();
    }

    private void problem(XMLStreamWriter x, String element, List<Diagnostic> diagnostics) throws XMLStreamException {
        problem(x, element, diagnostics, null);
    }

    private void problem(XMLStreamWriter x, String element, List<Diagnostic> diagnostics, TestRunner.Result result)
            throws XMLStreamException {
        Diagnostic first = diagnostics.get(0);
        x.writeCharacters("\n      ");
        x.writeStartElement(element);
        x.writeAttribute("message", JUnitReport.clean(JUnitReport.position(first) + ": " + first.message()
                + (diagnostics.size() > 1 ? " (and " + (diagnostics.size() - 1) + " more)" : "")));
        x.writeAttribute("type", first.code().id());
        StringBuilder b = new StringBuilder();
        for (Diagnostic d : diagnostics) {
            b.append(renderer.render(d));
            if (result != null) {
                for (TestRunner.Outcome o : result.outcomes()) {
                    if (!o.passed() && o.expectation().span() == d.span()) {
                        o.details().forEach(line -> b.append("    ").append(line).append('\n'));
                    }
                }
            }
        }
        x.writeCharacters(JUnitReport.clean(b.toString()));
        x.writeEndElement();
    }
}
