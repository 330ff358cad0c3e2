package camp.ast;

import static java.util.Objects.requireNonNull;

import camp.source.Span;
import camp.types.Type;
import java.util.List;

/** A top-level statement of a .camp file (§3). */
public sealed interface Statement {
    Span span();

    <R> R accept(Visitor<R> visitor);

    interface Visitor<R> {
        R visitCampaign(Campaign s);

        R visitImport(Import s);

        R visitParam(Param s);

        R visitEntity(Entity s);

        R visitAudience(Audience s);

        R visitActivity(ActivityDecl s);

        R visitFlow(Flow s);

        R visitSchedule(Schedule s);

        R visitTestAudience(TestAudience s);
    }

    record Campaign(String name, Span nameSpan, Span span) implements Statement {
        public Campaign {
            requireNonNull(name, "name is null");
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitCampaign(this);
        }
    }

    record Import(String path, Span pathSpan, Span span) implements Statement {
        public Import {
            requireNonNull(path, "path is null");
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitImport(this);
        }
    }

    /** {@code param NAME: TYPE [= DEFAULT]}; a param without a default must be given at run time. */
    record Param(Name name, Type type, Span typeSpan, Expr defaultValue, Span span) implements Statement {
        public Param {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitParam(this);
        }
    }

    enum SourceKind { TABLE, CSV, PARQUET, QUERY }

    record Attribute(Name name, Type type, Span span) {
        public Attribute {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
        }
    }

    /**
     * A link. For {@code many}, {@code column} is the target's column that holds this entity's
     * key; for {@code one}, it is this entity's column that holds the target's key.
     */
    record Link(Name name, boolean many, Name target, Name column, Span span) {
        public Link {
            requireNonNull(name, "name is null");
            requireNonNull(target, "target is null");
            requireNonNull(column, "column is null");
        }
    }

    record Consent(Name channel, Name attribute, Span span) {
        public Consent {
            requireNonNull(channel, "channel is null");
            requireNonNull(attribute, "attribute is null");
        }
    }

    record Entity(
            Name name, Name key, SourceKind sourceKind, String location, Span locationSpan,
            List<Attribute> attributes, List<Link> links, List<Consent> consents, Span span) implements Statement {
        public Entity {
            requireNonNull(name, "name is null");
            requireNonNull(key, "key is null");
            requireNonNull(sourceKind, "sourceKind is null");
            requireNonNull(location, "location is null");
            attributes = List.copyOf(attributes);
            links = List.copyOf(links);
            consents = List.copyOf(consents);
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitEntity(this);
        }
    }

    /** {@code audience NAME = BASE [where EXPR]}; BASE is an entity or another audience. */
    record Audience(Name name, Name base, Expr where, Span span) implements Statement {
        public Audience {
            requireNonNull(name, "name is null");
            requireNonNull(base, "base is null");
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitAudience(this);
        }
    }

    record ActivityDecl(Name name, Activity activity, Span span) implements Statement {
        public ActivityDecl {
            requireNonNull(name, "name is null");
            requireNonNull(activity, "activity is null");
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitActivity(this);
        }
    }

    /** An end of a transition: an activity and, optionally, one of its output ports. */
    record Endpoint(Name activity, Name port, Span span) {
        public Endpoint {
            requireNonNull(activity, "activity is null");
        }
    }

    /** {@code a, b -> c -> d, e}: each step is a list of endpoints. */
    record Chain(List<List<Endpoint>> steps, Span span) {
        public Chain {
            steps = steps.stream().map(List::copyOf).toList();
        }
    }

    record Flow(List<Chain> chains, Span span) implements Statement {
        public Flow {
            chains = List.copyOf(chains);
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitFlow(this);
        }
    }

    record Schedule(
            ScheduleAst.Frequency frequency, ScheduleAst.DateValue from, ScheduleAst.DateValue until,
            Long maxRuns, Span maxRunsSpan, String timezone, Span timezoneSpan, Span span) implements Statement {
        public Schedule {
            requireNonNull(frequency, "frequency is null");
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitSchedule(this);
        }
    }

    record TestAudience(Name entity, Expr where, Span span) implements Statement {
        public TestAudience {
            requireNonNull(entity, "entity is null");
            requireNonNull(where, "where is null");
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitTestAudience(this);
        }
    }
}
