package camp.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The {@code --provider CHANNEL=URL} option of the commands that send: where a channel's messages go, over camp.toml. */
final class ProviderOption {
    @Option(names = "--provider", paramLabel = "CHANNEL=URL",
            description = {"Where a channel (email, sms, push) sends, over camp.toml's [providers] (repeatable):",
                "file:DIR, smtp://HOST:PORT[?starttls=required|optional|off], smtps://HOST:PORT,",
                "webhook+https://HOST/PATH. The SMTP login comes from CAMP_SMTP_USER and CAMP_SMTP_PASSWORD."})
    Map<String, String> providers = new LinkedHashMap<>();
}
