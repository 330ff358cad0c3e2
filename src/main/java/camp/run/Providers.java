package camp.run;

import camp.deliver.DeliveryException;
import camp.deliver.DeliveryProvider;
import camp.deliver.FileOutbox;
import camp.deliver.ProviderUrl;
import camp.deliver.Sleeper;
import camp.deliver.SmtpProvider;
import camp.deliver.SmtpSettings;
import camp.deliver.WebhookProvider;
import camp.deliver.WebhookSettings;
import camp.project.Project;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where each channel of a run sends: the provider URL given with {@code --provider CHANNEL=URL},
 * else the one of {@code camp.toml}'s {@code [providers]}, else the file outbox. Values of
 * {@code camp.toml} may take {@code ${NAME}} from the environment; the SMTP login and password
 * come from the environment only ({@code CAMP_SMTP_USER} and {@code CAMP_SMTP_PASSWORD}, or the
 * variables that {@code [smtp] user_env} and {@code password_env} name). Resolved when a run
 * starts or resumes, so that a fixed configuration is picked up by {@code camp resume}; nothing
 * secret is kept in the run state or printed.
 */
public final class Providers {
    /**
     * Messages per flush and ledger commit for a file outbox; {@code -Dcamp.sendBatch=N} changes every
     * batch (tests). A crash repeats nothing of a file outbox whatever the batch (it never appends a
     * key twice), so the batch is as large as keeps memory small: each commit of the ledger and the
     * history costs about 40 ms of DuckDB's time, and 25,000 sent 100,000 messages faster than 10,000
     * or 50,000 did (bench/delivery.sh).
     */
    private static final int FILE_BATCH = 25_000;
    /** For a provider that takes one message at a time over the network: small, so that a crash repeats few. */
    private static final int NETWORK_BATCH = 100;
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final Map<String, ProviderUrl> urls;
    private final Project project;
    private final Function<String, String> env;

    private Providers(Map<String, ProviderUrl> urls, Project project, Function<String, String> env) {
        this.urls = urls;
        this.project = project;
        this.env = env;
    }

    /** The file outbox for every channel: a run without any configuration. */
    public static Providers files() {
        return new Providers(Map.of(), Project.folder(Path.of("")), System::getenv);
    }

    /**
     * Resolves each channel's provider.
     *
     * @param overrides {@code --provider} values: channel to URL
     * @throws IllegalArgumentException one line saying what is wrong and where (camp.toml or --provider), never a secret
     */
    public static Providers resolve(Project project, Map<String, String> overrides, Function<String, String> env) {
        Map<String, ProviderUrl> urls = new LinkedHashMap<>();
        for (String channel : Project.CHANNELS) {
            String given = overrides.get(channel);
            String where = "--provider " + channel;
            if (given == null && project.providers().containsKey(channel)) {
                given = substitute(project.providers().get(channel), env, "[providers] " + channel + " in " + project.config());
                where = "[providers] " + channel + " in " + project.config();
            }
            if (given == null) {
                continue;
            }
            ProviderUrl url;
            try {
                url = ProviderUrl.parse(given);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage());
            }
            if (url instanceof ProviderUrl.Smtp && !channel.equals("email")) {
                throw new IllegalArgumentException(where + ": an SMTP server sends e-mail, not " + channel
                        + " (use a webhook+https:// gateway)");
            }
            if (url instanceof ProviderUrl.File f && !f.folder().isAbsolute()) {
                url = new ProviderUrl.File(project.root().resolve(f.folder()).normalize());
            }
            urls.put(channel, url);
        }
        for (String channel : overrides.keySet()) {
            if (!Project.CHANNELS.contains(channel)) {
                throw new IllegalArgumentException("--provider " + channel + ": no such channel (email, sms or push)");
            }
        }
        Providers providers = new Providers(urls, project, env);
        for (var e : urls.entrySet()) {
            if (e.getValue() instanceof ProviderUrl.Smtp s) {
                providers.smtp(s); // a missing variable is said when the run starts, not at its first e-mail
            } else if (e.getValue() instanceof ProviderUrl.Webhook w) {
                providers.webhook(w);
            }
        }
        return providers;
    }

    /** Replaces each {@code ${NAME}} with the environment's value; a variable that is not set is an error. */
    static String substitute(String text, Function<String, String> env, String where) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = env.apply(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException(where + " uses ${" + m.group(1) + "}, which is not set in the environment");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The provider of a channel as it may be shown: {@code file:...}, {@code smtp://host:port}, never a secret. */
    public String describe(String channel, Path defaultOutbox) {
        ProviderUrl url = urls.get(channel);
        return url == null ? "file:" + defaultOutbox : url.describe();
    }

    /** Each configured channel's provider, described: what a run records of them. */
    public Map<String, String> described() {
        Map<String, String> out = new LinkedHashMap<>();
        urls.forEach((channel, url) -> out.put(channel, url.describe()));
        return out;
    }

    /** The file a channel's file outbox writes for a run, or null when the channel sends elsewhere. */
    public Path outboxFile(String channel, String runId, Path defaultOutbox) {
        ProviderUrl url = urls.get(channel);
        if (url == null) {
            return defaultOutbox;
        }
        return url instanceof ProviderUrl.File f ? f.folder().resolve(runId + ".jsonl") : null;
    }

    /** Messages per batch: each batch is flushed, then recorded as sent in one commit. */
    public int batch(String channel) {
        Integer forced = Integer.getInteger("camp.sendBatch");
        if (forced != null) {
            return forced;
        }
        ProviderUrl url = urls.get(channel);
        return url == null || url instanceof ProviderUrl.File ? FILE_BATCH : NETWORK_BATCH;
    }

    /**
     * Opens a channel's provider for a task: connects to the server now, so that an unreachable
     * server or a refused login fails the task before any message is handed over.
     */
    public DeliveryProvider open(String channel, String runId, Path defaultOutbox, String database) throws DeliveryException {
        ProviderUrl url = urls.get(channel);
        if (url == null || url instanceof ProviderUrl.File) {
            return new FileOutbox(outboxFile(channel, runId, defaultOutbox), Clock.systemUTC(), database);
        }
        if (url instanceof ProviderUrl.Smtp s) {
            return SmtpProvider.connect(smtp(s), Sleeper.REAL);
        }
        return new WebhookProvider(webhook((ProviderUrl.Webhook) url), Sleeper.REAL);
    }

    private SmtpSettings smtp(ProviderUrl.Smtp url) {
        Map<String, String> conf = project.smtp();
        String where = "[smtp] in " + project.config();
        String userVariable = conf.getOrDefault("user_env", "CAMP_SMTP_USER");
        String passwordVariable = conf.getOrDefault("password_env", "CAMP_SMTP_PASSWORD");
        String user = env.apply(userVariable);
        String password = env.apply(passwordVariable);
        if (conf.containsKey("user_env") && user == null) {
            throw new IllegalArgumentException(url.describe() + ": the login is to come from " + userVariable
                    + ", which is not set in the environment");
        }
        if (user != null && password == null) {
            throw new IllegalArgumentException(url.describe() + ": " + userVariable + " is set but " + passwordVariable
                    + ", the password, is not");
        }
        String from = conf.containsKey("from") ? substitute(conf.get("from"), env, where) : null;
        String trust = conf.containsKey("trust") ? substitute(conf.get("trust"), env, where) : null;
        return new SmtpSettings(url.host(), url.port(), url.security(), user, password, from, trust, Duration.ofSeconds(30), 5,
                Duration.ofSeconds(1));
    }

    private WebhookSettings webhook(ProviderUrl.Webhook url) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (var e : project.webhookHeaders().entrySet()) {
            headers.put(e.getKey(), substitute(e.getValue(), env, "[webhook.headers] " + e.getKey() + " in " + project.config()));
        }
        return new WebhookSettings(url.url(), headers, Duration.ofSeconds(30), 6, Duration.ofSeconds(1), Duration.ofMinutes(5));
    }

    /** The channel name of a step's channel kind, as camp.toml and --provider write it. */
    static String channel(camp.ir.Step.ChannelKind kind) {
        return kind.label().toLowerCase(Locale.ROOT);
    }
}
