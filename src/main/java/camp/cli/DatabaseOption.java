package camp.cli;

import camp.project.Project;
import camp.run.Database;
import camp.sql.Schemas;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The {@code --db PATH} option shared by the commands that read the run state. One database per
 * project: without {@code --db}, {@code CAMP_DB}, else the {@code db} of the nearest
 * {@code camp.toml} (from the current folder up, or from the campaign's folder for commands that
 * take a campaign), else {@code .camp/camp.duckdb} beside that {@code camp.toml}, else
 * {@code .camp/camp.duckdb} in the current folder. For the commands that may create it, a database
 * in a folder that does not exist is a usage error, not a fresh history: caps, deliveries and
 * incremental history live in it.
 */
final class DatabaseOption {
    /** The environment variable that names the database when --db does not. */
    static final String ENV = "CAMP_DB";
    /** Stands for "the project's default" in picocli's default value, resolved when applied. */
    private static final String PROJECT_DEFAULT = "(project default)";

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandSpec command;

    /** The database as given: --db, or the default for the current folder (see {@link #forCampaign}). */
    private Path given;

    @Option(names = "--db", paramLabel = "PATH", defaultValue = PROJECT_DEFAULT,
            description = {"The DuckDB state file (default: $CAMP_DB, else db in the nearest camp.toml, else",
                ".camp/camp.duckdb beside camp.toml or in the current folder)."})
    void path(Path value) {
        given = value.toString().equals(PROJECT_DEFAULT) ? projectDefault(Path.of("")) : value;
    }

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "duckdb",
            description = {"Where the run state, worktables and sources live: duckdb (the file of --db), postgres",
                "(the database of --url) or spark (the cluster of --url; its run state in a DuckDB file beside --db);",
                "the local files go beside --db (default: ${DEFAULT-VALUE})."})
    Engine engine = Engine.duckdb;

    @Option(names = "--url", paramLabel = "URL", description = {"For --engine postgres: the database, jdbc:postgresql://HOST:PORT/DATABASE",
        "(default: $CAMP_URL); the login comes from $CAMP_PG_USER and $CAMP_PG_PASSWORD (or PGUSER, PGPASSWORD).",
        "For --engine spark: the cluster's master, spark://HOST:PORT (or local[N])."})
    String url;

    /** The database of the commands that read the run state: --db or the current folder's default, or the engine's connection file. */
    Path path() {
        return target(given, null);
    }

    /** Whether an option was given on the command line (not its default). */
    private boolean matched(String option) {
        return command != null && command.commandLine() != null && command.commandLine().getParseResult() != null
                && command.commandLine().getParseResult().hasMatchedOption(option);
    }

    /**
     * For another engine than DuckDB, its connection file ({@code NAME.postgres}, holding the URL)
     * in the folder of the DuckDB file that would be used: the run's local files go beside it.
     */
    private Path target(Path duckdb, Path campaign) {
        Engine chosen = engine;
        String value = url;
        String prefix = SchemaOption.given(command);
        if (!matched("--engine")) {
            // the project's [engine], when camp.toml has one: the campaign's project, else the current folder's
            try {
                Project project = campaign != null ? Project.of(campaign) : Project.around(Path.of(""));
                String name = project.engine().get("name");
                if (name != null) {
                    chosen = Engine.valueOf(name);
                    if (value == null) {
                        value = project.engine().get("url");
                    }
                    if (prefix == null) {
                        prefix = project.engine().get("schema");
                    }
                }
            } catch (Project.ConfigException | IllegalArgumentException e) {
                // an unreadable camp.toml: the run reports it at its line
            }
        }
        if (prefix != null && chosen != Engine.postgres) {
            throw new CommandLine.ParameterException(command.commandLine(), "--schema is for --engine postgres: camp's schemas in a "
                    + chosen + " database are its own");
        }
        String problem = prefix == null ? null : Schemas.problem(prefix);
        if (problem != null) {
            throw new CommandLine.ParameterException(command.commandLine(), "--schema: " + problem);
        }
        Schemas schemas = prefix == null ? Schemas.DEFAULT : new Schemas(prefix);
        if (chosen == Engine.duckdb) {
            return duckdb;
        }
        value = value != null && !value.isBlank() ? value : System.getenv("CAMP_URL");
        boolean spark = chosen == Engine.spark;
        if (value == null || value.isBlank()) {
            throw new CommandLine.ParameterException(command.commandLine(), spark
                    ? "--engine spark needs the cluster: --url spark://HOST:PORT (or local[N], or CAMP_URL)"
                    : "--engine postgres needs the database: --url jdbc:postgresql://HOST:PORT/DATABASE (or CAMP_URL)");
        }
        String name;
        if (spark) {
            if (!value.matches("spark://[^/?#\\s]+|local(\\[(\\d+|\\*)\\])?")) {
                throw new CommandLine.ParameterException(command.commandLine(),
                        "--url must be a Spark master URL, spark://HOST:PORT or local[N], not '" + value + "'");
            }
            name = value.replaceFirst("^spark://", "").replaceAll("[^A-Za-z0-9_.-]+", "_").replaceAll("^_+|_+$", "");
        } else {
            if (!value.startsWith("jdbc:postgresql://")) {
                throw new CommandLine.ParameterException(command.commandLine(),
                        "--url must be a PostgreSQL JDBC URL, jdbc:postgresql://HOST:PORT/DATABASE, not '"
                                + Database.shown(value) + "'");
            }
            name = value.substring("jdbc:postgresql://".length()).replaceAll("[?].*$", "").replaceAll("[^A-Za-z0-9_.-]+", "_");
        }
        // a prefix of its own has a connection file of its own: its runs' local files apart from the other prefixes'
        Path file = Database.folder(duckdb).resolve(name + (schemas.isDefault() ? "" : "." + schemas.prefix())
                + (spark ? Database.SPARK_SUFFIX : Database.CONNECTION_SUFFIX));
        try {
            return Database.writeConnectionFile(file, value, schemas);
        } catch (Database.Unavailable e) {
            throw new CommandLine.ParameterException(command.commandLine(), e.getMessage());
        }
    }

    /** The database a command that reads a campaign's data would use: as {@link #forCampaign}, without requiring it to exist. */
    Path forReading(Path campaign) {
        if (matched("--db") || env() != null) {
            return target(given, campaign);
        }
        try {
            Path fromProject = Project.of(campaign).defaultDatabase();
            return target(fromProject != null ? fromProject : given, campaign);
        } catch (Project.ConfigException e) {
            return path();
        }
    }

    /** The database of a command that may create it (a run, a resume, the scheduler): its folder must exist. */
    Path forWriting() {
        requireFolder(given);
        return target(given, null);
    }

    /**
     * The database of a command that takes a campaign: --db or CAMP_DB as given, else the
     * default of the campaign's project (its camp.toml), else the current folder's; with the
     * engine of --engine, else of the campaign's camp.toml.
     */
    Path forCampaign(Path campaign) {
        if (!matched("--db") && env() == null) {
            try {
                Path fromProject = Project.of(campaign).defaultDatabase();
                if (fromProject != null) {
                    requireFolder(fromProject);
                    return target(fromProject, campaign);
                }
            } catch (Project.ConfigException e) {
                // the run reports the unreadable camp.toml itself, at its line
            }
        }
        requireFolder(given);
        return target(given, campaign);
    }

    /**
     * What the commands that read a run (camp tasks, logs, preview...) need to find {@code used} from
     * the current folder: nothing when it is their default there, else {@code " --db PATH"}.
     */
    String hintFor(Path used) {
        Path here = projectDefault(Path.of("")).toAbsolutePath().normalize();
        Path absolute = used.toAbsolutePath().normalize();
        if (absolute.equals(here)) {
            return "";
        }
        Path cwd = Path.of("").toAbsolutePath();
        String shown = absolute.startsWith(cwd) ? cwd.relativize(absolute).toString() : absolute.toString();
        return " --db " + (shown.matches("[A-Za-z0-9_./@+-]+") ? shown : "'" + shown.replace("'", "'\\''") + "'");
    }

    /** CAMP_DB, else the project around a folder, else .camp/camp.duckdb in the current folder. */
    private Path projectDefault(Path folder) {
        String env = env();
        if (env != null) {
            return Path.of(env);
        }
        try {
            Path fromProject = Project.around(folder).defaultDatabase();
            if (fromProject != null) {
                return fromProject;
            }
        } catch (Project.ConfigException e) {
            // an unreadable camp.toml: the current folder's default; commands that read camp.toml report it
        }
        return Database.DEFAULT_PATH;
    }

    private static String env() {
        String value = System.getenv(ENV);
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * The database's folder must exist, except camp's own {@code .camp} folder, which camp creates
     * (in a folder that exists): a path with a typo would otherwise start a fresh, empty history.
     */
    private void requireFolder(Path database) {
        Path folder = database.toAbsolutePath().normalize().getParent();
        if (folder == null || Files.isDirectory(folder)) {
            return;
        }
        if (folder.getFileName() != null && folder.getFileName().toString().equals(".camp") && Files.isDirectory(folder.getParent())) {
            return;
        }
        throw new CommandLine.ParameterException(command.commandLine(), "the folder of the database " + database
                + " does not exist: create it, or give a --db (or " + ENV + ") in a folder that exists");
    }
}
