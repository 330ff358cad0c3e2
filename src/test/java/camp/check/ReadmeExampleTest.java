package camp.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.diag.DiagnosticRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The campaign the README shows is a real one: it checks without a diagnostic against the samples. */
class ReadmeExampleTest {
    @Test
    void theReadmeCampaignChecksClean() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        Matcher m = Pattern.compile("## A campaign\\n\\n```camp\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(m.find(), "README.md has a campaign under '## A campaign'");
        Path file = Path.of("samples", ".readme-example-" + ProcessHandle.current().pid() + ".camp");
        try {
            Files.writeString(file, m.group(1));
            Checked checked = Frontend.check(file, file.toString());
            DiagnosticRenderer renderer = new DiagnosticRenderer(false);
            assertEquals(0, checked.diagnostics().size(),
                    checked.diagnostics().stream().map(renderer::render).collect(Collectors.joining()));
        } finally {
            Files.deleteIfExists(file);
        }
    }

}
