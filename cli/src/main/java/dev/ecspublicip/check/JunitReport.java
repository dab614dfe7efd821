package dev.ecspublicip.check;

import dev.ecspublicip.ErrorLine;
import dev.ecspublicip.rule.Compliance;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML as Jenkins, GitLab and Azure DevOps read it: one test suite, one test case per judged resource
 * (class name the file, name the resource), a failure for each NON_COMPLIANT one. Text from the input is
 * escaped first ({@link ErrorLine#printable}): XML 1.0 cannot hold most control characters at all.
 */
final class JunitReport {
    private JunitReport() {}

    static void write(List<CheckedResource> results, Appendable out) throws IOException {
        Map<Compliance, Integer> counts = Report.counts(results);
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("testsuites");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", "ecs-public-ip-rule check");
            xml.writeAttribute("tests", String.valueOf(results.size()));
            xml.writeAttribute("failures", String.valueOf(counts.getOrDefault(Compliance.NON_COMPLIANT, 0)));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", "0");
            for (CheckedResource result : results) {
                xml.writeStartElement("testcase");
                xml.writeAttribute("classname", ErrorLine.printable(result.file()));
                xml.writeAttribute("name", ErrorLine.printable(result.resource() + " (" + result.resourceType() + ")"));
                String annotation = ErrorLine.printable(result.verdict().annotation());
                if (result.verdict().compliance() == Compliance.NON_COMPLIANT) {
                    xml.writeStartElement("failure");
                    xml.writeAttribute("type", Compliance.NON_COMPLIANT.name());
                    xml.writeAttribute("message", annotation);
                    xml.writeCharacters(annotation);
                    xml.writeEndElement();
                } else {
                    xml.writeStartElement("system-out");
                    xml.writeCharacters(result.verdict().compliance() + ": " + annotation);
                    xml.writeEndElement();
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write the JUnit report: " + e.getMessage(), e);
        }
        out.append(text.toString()).append('\n');
    }
}
