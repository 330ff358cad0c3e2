package camp.syntax;

import camp.ast.Activity;
import camp.ast.CampFile;
import camp.ast.Expr;
import camp.ast.Name;
import camp.ast.ScheduleAst;
import camp.ast.Statement;
import camp.diag.Code;
import camp.diag.Diagnostic;
import camp.source.SourceFile;
import camp.source.Span;
import camp.syntax.antlr.CampBaseVisitor;
import camp.syntax.antlr.CampLexer;
import camp.syntax.antlr.CampParser.*;
import camp.syntax.antlr.CampParser;
import camp.types.DurationValue;
import camp.types.Type;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Builds the immutable AST from ANTLR's parse tree (Trino's AstBuilder). A statement whose tree
 * is incomplete because of a syntax error (already reported) is left out, so that later stages
 * see only well-formed nodes.
 */
final class AstBuilder {
    private final SourceFile source;
    private final List<Diagnostic> diagnostics;
    private final ExprBuilder exprs = new ExprBuilder();

    AstBuilder(SourceFile source, List<Diagnostic> diagnostics) {
        this.source = source;
        this.diagnostics = diagnostics;
    }

    /** Thrown when a tree is missing a part because of a reported syntax error. */
    private static final class Incomplete extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Incomplete() {
            super(null, null, false, false);
        }
    }

    CampFile build(FileContext tree, boolean truncated) {
        List<Statement> statements = new ArrayList<>();
        List<CampFile.Broken> broken = new ArrayList<>();
        for (StatementContext s : tree.statement()) {
            try {
                if (hasError(s)) {
                    throw new Incomplete();
                }
                Statement built = statement(s);
                if (built != null) {
                    statements.add(built);
                }
            } catch (Incomplete e) {
                // the syntax error that made it incomplete is already reported; remember what it declared
                broken.add(brokenDeclaration(s));
            }
        }
        return new CampFile(source, statements, broken, truncated);
    }

    /** Whether a parse tree contains a syntax error (an error node, or a rule that did not match). */
    private static boolean hasError(org.antlr.v4.runtime.tree.ParseTree t) {
        if (t instanceof org.antlr.v4.runtime.tree.ErrorNode) {
            return true;
        }
        if (t instanceof ParserRuleContext r) {
            if (r.exception != null) {
                return true;
            }
            for (int i = 0; i < r.getChildCount(); i++) {
                if (hasError(r.getChild(i))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static CampFile.Broken brokenDeclaration(StatementContext s) {
        String kind = s.getStart() == null ? "?" : s.getStart().getText();
        IdentContext name = null;
        if (s instanceof ActivityStatementContext a) {
            name = a.ident();
        } else if (s instanceof EntityStatementContext e && !e.ident().isEmpty()) {
            name = e.ident(0);
        } else if (s instanceof AudienceStatementContext a && !a.ident().isEmpty()) {
            name = a.ident(0);
        } else if (s instanceof ParamStatementContext p) {
            name = p.ident();
        }
        String text = name == null || name.exception != null || name.getStart() == null ? null : name.getText();
        if (text != null && text.startsWith("`") && text.endsWith("`") && text.length() > 1) {
            text = text.substring(1, text.length() - 1);
        }
        return new CampFile.Broken(kind, text);
    }

    // ------------------------------------------------------------ helpers

    private static <T> T req(T value) {
        if (value == null) {
            throw new Incomplete();
        }
        return value;
    }

    Span span(ParserRuleContext ctx) {
        Token start = req(ctx).getStart();
        Token stop = ctx.getStop();
        if (start == null || start.getStartIndex() < 0) {
            throw new Incomplete();
        }
        int end = stop == null || stop.getStopIndex() < start.getStartIndex() ? start.getStopIndex() + 1 : stop.getStopIndex() + 1;
        if (start.getType() == Token.EOF) {
            end = start.getStartIndex();
        }
        return Span.of(source, start.getStartIndex(), end);
    }

    Span span(Token t) {
        if (req(t).getStartIndex() < 0 || t.getType() == Token.EOF) {
            throw new Incomplete();
        }
        return Span.of(source, t.getStartIndex(), t.getStopIndex() + 1);
    }

    Span span(TerminalNode node) {
        return span(req(node).getSymbol());
    }

    Name name(IdentContext ctx) {
        req(ctx);
        if (ctx.exception != null) {
            throw new Incomplete();
        }
        String text = ctx.getText();
        if (ctx.QUOTED_IDENTIFIER() != null) {
            text = text.substring(1, text.length() - 1);
        }
        return new Name(text, span(ctx));
    }

    /** The value of a string literal, with escapes resolved; bad escapes are reported. */
    String string(StringContext ctx) {
        req(ctx);
        TerminalNode longString = ctx.LONG_STRING();
        if (longString != null) {
            String raw = longString.getText();
            String body = raw.substring(3, raw.length() - 3);
            if (body.startsWith("\n") || body.startsWith("\r\n")) {
                body = body.substring(body.indexOf('\n') + 1).stripIndent();
            }
            return body;
        }
        TerminalNode node = req(ctx.STRING());
        String raw = node.getText();
        if (raw.length() < 2) {
            throw new Incomplete();
        }
        String body = raw.substring(1, raw.length() - 1);
        StringBuilder out = new StringBuilder(body.length());
        int offset = node.getSymbol().getStartIndex() + 1;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\' || i + 1 >= body.length()) {
                out.append(c);
                continue;
            }
            char next = body.charAt(++i);
            switch (next) {
                case '"' -> out.append('"');
                case '\\' -> out.append('\\');
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                default -> {
                    int cpOffset = offset + body.codePointCount(0, i - 1);
                    diagnostics.add(Diagnostic.at(Span.of(source, cpOffset, cpOffset + 2), Code.INVALID_ESCAPE, "\\" + next));
                    out.append(next);
                }
            }
        }
        return out.toString();
    }

    long integer(TerminalNode node) {
        String text = req(node).getText();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            diagnostics.add(Diagnostic.at(span(node), Code.NUMBER_OUT_OF_RANGE, text));
            return 0;
        }
    }

    LocalDate date(TerminalNode node) {
        String text = req(node).getText();
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            diagnostics.add(Diagnostic.at(span(node), Code.INVALID_DATE, text));
            return null;
        }
    }

    LocalTime time(TerminalNode node) {
        String text = req(node).getText();
        String[] parts = text.split(":");
        try {
            int h = Integer.parseInt(parts[0]);
            int m = Integer.parseInt(parts[1]);
            int s = parts.length > 2 ? Integer.parseInt(parts[2]) : 0;
            return LocalTime.of(h, m, s);
        } catch (RuntimeException e) {
            diagnostics.add(Diagnostic.at(span(node), Code.INVALID_TIME, text));
            return null;
        }
    }

    static Type type(TypeNameContext ctx) {
        req(ctx);
        if (ctx.exception != null) {
            throw new Incomplete();
        }
        return switch (req(ctx.getStart()).getType()) {
            case CampLexer.INT_TYPE -> Type.INT;
            case CampLexer.DECIMAL_TYPE -> Type.DECIMAL;
            case CampLexer.FLOAT_TYPE -> Type.FLOAT;
            case CampLexer.TEXT -> Type.TEXT;
            case CampLexer.BOOL_TYPE -> Type.BOOL;
            case CampLexer.DATE_TYPE -> Type.DATE;
            case CampLexer.TIMESTAMP_TYPE -> Type.TIMESTAMP;
            default -> throw new Incomplete();
        };
    }

    static ChronoUnit unit(DurationUnitContext ctx) {
        req(ctx);
        return switch (req(ctx.getStart()).getType()) {
            case CampLexer.MINUTE, CampLexer.MINUTES -> ChronoUnit.MINUTES;
            case CampLexer.HOUR, CampLexer.HOURS -> ChronoUnit.HOURS;
            case CampLexer.DAY, CampLexer.DAYS -> ChronoUnit.DAYS;
            case CampLexer.WEEK, CampLexer.WEEKS -> ChronoUnit.WEEKS;
            case CampLexer.MONTH, CampLexer.MONTHS -> ChronoUnit.MONTHS;
            case CampLexer.YEAR, CampLexer.YEARS -> ChronoUnit.YEARS;
            default -> throw new Incomplete();
        };
    }

    DurationValue duration(DurationContext ctx) {
        req(ctx);
        return new DurationValue(integer(ctx.INTEGER()), unit(ctx.durationUnit()));
    }

    Expr expr(ExprContext ctx) {
        req(ctx);
        return exprs.visit(ctx);
    }

    Expr optionalExpr(ExprContext ctx) {
        return ctx == null ? null : expr(ctx);
    }

    List<Name> path(PathContext ctx) {
        req(ctx);
        return ctx.ident().stream().map(this::name).toList();
    }

    // ------------------------------------------------------------ statements

    private Statement statement(StatementContext s) {
        if (s.exception != null && s.getChildCount() == 0) {
            throw new Incomplete();
        }
        Span span = span(s);
        if (s instanceof CampaignStatementContext c) {
            return new Statement.Campaign(string(c.string()), span(c.string()), span);
        } else if (s instanceof ImportStatementContext c) {
            return new Statement.Import(string(c.string()), span(c.string()), span);
        } else if (s instanceof ParamStatementContext c) {
            return new Statement.Param(name(c.ident()), type(c.typeName()), span(c.typeName()),
                    optionalExpr(c.expr()), span);
        } else if (s instanceof EntityStatementContext c) {
            return entity(c, span);
        } else if (s instanceof AudienceStatementContext c) {
            return new Statement.Audience(name(c.ident(0)), name(c.ident(1)), optionalExpr(c.expr()), span);
        } else if (s instanceof ActivityStatementContext c) {
            return new Statement.ActivityDecl(name(c.ident()), activity(req(c.activity())), span);
        } else if (s instanceof FlowStatementContext c) {
            return new Statement.Flow(c.chain().stream().map(this::chain).toList(), span);
        } else if (s instanceof ScheduleStatementContext c) {
            return schedule(c, span);
        } else if (s instanceof TestAudienceStatementContext c) {
            return new Statement.TestAudience(name(c.ident()), expr(c.expr()), span);
        }
        throw new Incomplete();
    }

    private Statement entity(EntityStatementContext c, Span span) {
        Statement.SourceKind kind;
        StringContext location;
        SourceContext src = req(c.source());
        if (src instanceof TableSourceContext t) {
            kind = Statement.SourceKind.TABLE;
            location = t.string();
        } else if (src instanceof CsvSourceContext t) {
            kind = Statement.SourceKind.CSV;
            location = t.string();
        } else if (src instanceof ParquetSourceContext t) {
            kind = Statement.SourceKind.PARQUET;
            location = t.string();
        } else if (src instanceof QuerySourceContext t) {
            kind = Statement.SourceKind.QUERY;
            location = t.string();
        } else {
            throw new Incomplete();
        }
        List<Statement.Attribute> attributes = new ArrayList<>();
        List<Statement.Link> links = new ArrayList<>();
        List<Statement.Consent> consents = new ArrayList<>();
        for (EntityMemberContext m : c.entityMember()) {
            try {
                if (m instanceof AttributeMemberContext a) {
                    attributes.add(new Statement.Attribute(name(a.ident()), type(a.typeName()), span(a)));
                } else if (m instanceof LinkMemberContext l) {
                    links.add(new Statement.Link(name(l.ident(0)), l.MANY() != null, name(l.ident(1)),
                            name(l.ident(2)), span(l)));
                } else if (m instanceof ConsentMemberContext k) {
                    consents.add(new Statement.Consent(name(k.ident(0)), name(k.ident(1)), span(k)));
                }
            } catch (Incomplete e) {
                // reported already; keep the rest of the entity
            }
        }
        return new Statement.Entity(name(c.ident(0)), name(c.ident(1)), kind, string(location), span(location),
                attributes, links, consents, span);
    }

    private Statement.Chain chain(ChainContext c) {
        List<List<Statement.Endpoint>> steps = new ArrayList<>();
        for (EndpointsContext e : c.endpoints()) {
            List<Statement.Endpoint> step = new ArrayList<>();
            for (EndpointContext p : e.endpoint()) {
                Name port = p.ident().size() > 1 ? name(p.ident(1)) : null;
                step.add(new Statement.Endpoint(name(p.ident(0)), port, span(p)));
            }
            steps.add(step);
        }
        return new Statement.Chain(steps, span(c));
    }

    // ------------------------------------------------------------ activities

    private Activity activity(ActivityContext a) {
        if (a.exception != null) {
            throw new Incomplete();
        }
        Span span = span(a);
        if (a instanceof BuildActivityContext c) {
            return build(c, span);
        } else if (a instanceof LoadActivityContext c) {
            List<Activity.Column> columns = c.columnDecl().stream()
                    .map(d -> new Activity.Column(name(d.ident()), type(d.typeName()), span(d))).toList();
            Long rejectMax = c.INTEGER() == null ? null : integer(c.INTEGER());
            return new Activity.Load(string(c.string()), span(c.string()), columns, rejectMax, span);
        } else if (a instanceof ReconcileActivityContext c) {
            List<Activity.MatchRule> rules = c.matchRule().stream()
                    .map(r -> new Activity.MatchRule(name(r.ident()), path(r.path()), span(r))).toList();
            return new Activity.Reconcile(name(c.ident()), rules, c.UNMATCHED() != null, span);
        } else if (a instanceof CombineActivityContext c) {
            Activity.CombineMode mode = switch (req(c.combineMode).getType()) {
                case CampLexer.UNION -> Activity.CombineMode.UNION;
                case CampLexer.INTERSECTION -> Activity.CombineMode.INTERSECTION;
                default -> Activity.CombineMode.EXCLUSION;
            };
            return new Activity.Combine(mode, span);
        } else if (a instanceof DedupActivityContext c) {
            return dedup(c, span);
        } else if (a instanceof SplitActivityContext c) {
            return new Activity.Split(c.OVERLAPPING() != null, c.segment().stream().map(this::segment).toList(), span);
        } else if (a instanceof EnrichActivityContext c) {
            return new Activity.Enrich(c.enrichColumn().stream()
                    .map(e -> new Activity.EnrichColumn(name(e.ident()), expr(e.expr()), span(e))).toList(), span);
        } else if (a instanceof ChangeDimensionActivityContext c) {
            return new Activity.ChangeDimension(name(c.ident()), span);
        } else if (a instanceof TestActivityContext c) {
            return new Activity.Test(c.testBranch().stream().map(this::testBranch).toList(), span);
        } else if (a instanceof ForkActivityContext) {
            return new Activity.Fork(span);
        } else if (a instanceof JoinActivityContext c) {
            return new Activity.Join(c.ident() == null ? null : name(c.ident()), span);
        } else if (a instanceof WaitForActivityContext c) {
            return new Activity.Wait(duration(c.duration()), null, span);
        } else if (a instanceof WaitUntilActivityContext c) {
            return new Activity.Wait(null, expr(c.expr()), span);
        } else if (a instanceof ChannelActivityContext c) {
            return channel(c, span);
        } else if (a instanceof SaveAudienceActivityContext c) {
            return new Activity.SaveAudience(string(c.string()), span(c.string()), span);
        } else if (a instanceof AlertActivityContext c) {
            return new Activity.Alert(string(c.string(0)), string(c.string(1)), span);
        } else if (a instanceof EndActivityContext) {
            return new Activity.End(span);
        }
        throw new Incomplete();
    }

    private Activity build(BuildActivityContext c, Span span) {
        Activity.BuildSource buildSource;
        BuildSourceContext bs = req(c.buildSource());
        if (bs instanceof SavedBuildSourceContext s) {
            buildSource = new Activity.SavedSource(string(s.string()), span(s.string()), name(s.ident()), span(s));
        } else if (bs instanceof NamedBuildSourceContext n) {
            buildSource = new Activity.NamedSource(name(n.ident()));
        } else {
            throw new Incomplete();
        }
        Activity.Incremental incremental = null;
        boolean skipEmpty = false;
        for (BuildOptionContext o : c.buildOption()) {
            if (o instanceof IncrementalOptionContext inc) {
                DurationValue history = null;
                Span historySpan = null;
                if (inc.HISTORY() != null) {
                    history = new DurationValue(integer(inc.INTEGER()), unit(inc.durationUnit()));
                    historySpan = span(inc.HISTORY()).to(span(inc.durationUnit()));
                }
                incremental = new Activity.Incremental(inc.ident() == null ? null : name(inc.ident()), history,
                        historySpan, span(inc));
            } else if (o instanceof SkipEmptyOptionContext) {
                skipEmpty = true;
            }
        }
        return new Activity.Build(buildSource, optionalExpr(c.expr()), incremental, skipEmpty, span);
    }

    private Activity dedup(DedupActivityContext c, Span span) {
        List<Expr> keys = c.expr().stream().map(this::expr).toList();
        Long keep = c.INTEGER() == null ? null : integer(c.INTEGER());
        Span keepSpan = c.INTEGER() == null ? null : span(c.INTEGER());
        Activity.DedupMethod method = null;
        DedupMethodContext m = c.dedupMethod();
        if (m instanceof FirstByMethodContext f) {
            method = new Activity.FirstBy(f.orderItem().stream().map(this::orderItem).toList(), span(f));
        } else if (m instanceof NonEmptyMethodContext n) {
            method = new Activity.NonEmpty(path(n.path()), span(n));
        } else if (m instanceof PreferMethodContext p) {
            method = new Activity.Prefer(path(p.path()), p.expr().stream().map(this::expr).toList(), span(p));
        } else if (m instanceof RandomMethodContext r) {
            method = new Activity.RandomPick(span(r));
        }
        return new Activity.Dedup(keys, keep, keepSpan, method, span);
    }

    private Activity.OrderItem orderItem(OrderItemContext o) {
        boolean desc = o.direction != null && o.direction.getType() == CampLexer.DESC;
        return new Activity.OrderItem(expr(o.expr()), desc, span(o));
    }

    private Activity.Segment segment(SegmentContext s) {
        Name name;
        Expr condition = null;
        List<SegmentOptionContext> options;
        if (s instanceof RemainderSegmentContext r) {
            name = name(r.ident());
            options = r.segmentOption();
        } else if (s instanceof ConditionSegmentContext c) {
            name = name(c.ident());
            condition = expr(c.expr());
            options = c.segmentOption();
        } else {
            throw new Incomplete();
        }
        Activity.Limit limit = null;
        List<Activity.OrderItem> order = List.of();
        Span orderSpan = null;
        Span randomSpan = null;
        Span skipSpan = null;
        for (SegmentOptionContext o : options) {
            if (o instanceof LimitOptionContext l) {
                limit = new Activity.Limit(integer(l.INTEGER()), l.percent != null, span(l));
            } else if (o instanceof OrderByOptionContext ob) {
                order = ob.orderItem().stream().map(this::orderItem).toList();
                orderSpan = span(ob);
            } else if (o instanceof RandomOptionContext r) {
                randomSpan = span(r);
            } else if (o instanceof SegmentSkipEmptyOptionContext k) {
                skipSpan = span(k);
            }
        }
        return new Activity.Segment(name, condition, limit, order, orderSpan, randomSpan, skipSpan, span(s));
    }

    private Activity.TestBranch testBranch(TestBranchContext t) {
        if (t instanceof OtherwiseBranchContext o) {
            return new Activity.TestBranch(name(o.ident()), null, span(o));
        } else if (t instanceof ConditionBranchContext c) {
            return new Activity.TestBranch(name(c.ident()), expr(c.expr()), span(c));
        }
        throw new Incomplete();
    }

    private Activity channel(ChannelActivityContext c, Span span) {
        Activity.ChannelKind kind = switch (req(c.channel).getType()) {
            case CampLexer.EMAIL -> Activity.ChannelKind.EMAIL;
            case CampLexer.SMS -> Activity.ChannelKind.SMS;
            default -> Activity.ChannelKind.PUSH;
        };
        List<Activity.ChannelOption> options = new ArrayList<>();
        for (ChannelOptionContext o : c.channelOption()) {
            Span os = span(o);
            if (o instanceof ToOptionContext t) {
                options.add(new Activity.To(expr(t.expr()), os));
            } else if (o instanceof FromOptionContext f) {
                options.add(new Activity.From(string(f.string()), os));
            } else if (o instanceof SubjectOptionContext s) {
                options.add(new Activity.Content("subject", string(s.string()), false, span(s.string()), os));
            } else if (o instanceof TemplateOptionContext t) {
                options.add(new Activity.Content(t.field.getText(), string(t.string()), true, span(t.string()), os));
            } else if (o instanceof ContentOptionContext t) {
                options.add(new Activity.Content(t.field.getText(), string(t.string()), false, span(t.string()), os));
            } else if (o instanceof PerOptionContext p) {
                options.add(new Activity.Per(name(p.ident()), os));
            } else if (o instanceof ThrottleOptionContext t) {
                options.add(new Activity.Throttle(integer(t.INTEGER()), os));
            } else if (o instanceof WavesOptionContext w) {
                options.add(new Activity.Waves(integer(w.INTEGER()), duration(w.duration()), os));
            } else if (o instanceof CapOptionContext k) {
                Activity.CapPeriod period = switch (req(k.period).getType()) {
                    case CampLexer.DAY -> Activity.CapPeriod.DAY;
                    case CampLexer.WEEK -> Activity.CapPeriod.WEEK;
                    default -> Activity.CapPeriod.MONTH;
                };
                options.add(new Activity.Cap(integer(k.INTEGER()), period, os));
            }
        }
        return new Activity.Channel(kind, options, span);
    }

    // ------------------------------------------------------------ schedule

    private Statement schedule(ScheduleStatementContext c, Span span) {
        ScheduleAst.Frequency frequency = frequency(req(c.frequency()));
        ScheduleAst.DateValue from = null;
        ScheduleAst.DateValue until = null;
        Long maxRuns = null;
        Span maxRunsSpan = null;
        String timezone = null;
        Span timezoneSpan = null;
        for (ScheduleOptionContext o : c.scheduleOption()) {
            if (o instanceof FromScheduleOptionContext f) {
                from = new ScheduleAst.DateValue(date(f.DATE()), span(f.DATE()));
            } else if (o instanceof UntilScheduleOptionContext u) {
                until = new ScheduleAst.DateValue(date(u.DATE()), span(u.DATE()));
            } else if (o instanceof MaxRunsScheduleOptionContext m) {
                maxRuns = integer(m.INTEGER());
                maxRunsSpan = span(m);
            } else if (o instanceof TimezoneScheduleOptionContext t) {
                timezone = string(t.string());
                timezoneSpan = span(t.string());
            }
        }
        return new Statement.Schedule(frequency, from, until, maxRuns, maxRunsSpan, timezone, timezoneSpan, span);
    }

    private ScheduleAst.Frequency frequency(FrequencyContext f) {
        if (f.exception != null) {
            throw new Incomplete();
        }
        Span span = span(f);
        if (f instanceof OnceFrequencyContext o) {
            LocalDate d = date(o.DATE());
            LocalTime t = time(o.TIME());
            return new ScheduleAst.Once(d == null || t == null ? null : LocalDateTime.of(d, t), span);
        } else if (f instanceof DailyFrequencyContext d) {
            return new ScheduleAst.Daily(times(d.timeList()), d.dayFilter() == null ? List.of() : days(d.dayFilter().dayList()), span);
        } else if (f instanceof EveryFrequencyContext e) {
            long amount = integer(e.INTEGER());
            DurationValue step = new DurationValue(amount, unit(e.durationUnit()));
            ScheduleAst.TimeValue start = null;
            ScheduleAst.TimeValue end = null;
            if (e.BETWEEN() != null) {
                start = new ScheduleAst.TimeValue(time(e.TIME(0)), span(e.TIME(0)));
                end = new ScheduleAst.TimeValue(time(e.TIME(1)), span(e.TIME(1)));
            }
            List<ScheduleAst.DayRange> days = e.dayFilter() == null ? List.of() : days(e.dayFilter().dayList());
            return new ScheduleAst.Every(amount, step, span(e.INTEGER()).to(span(e.durationUnit())), start, end, days, span);
        } else if (f instanceof WeeklyFrequencyContext w) {
            DurationValue every = null;
            Span everySpan = null;
            if (w.EVERY() != null) {
                every = new DurationValue(integer(w.INTEGER()), unit(w.durationUnit()));
                everySpan = span(w.INTEGER()).to(span(w.durationUnit()));
            }
            return new ScheduleAst.Weekly(every, everySpan, days(w.dayList()), times(w.timeList()), span);
        } else if (f instanceof MonthlyFrequencyContext m) {
            ScheduleAst.MonthDays days = monthDays(req(m.monthDays()));
            List<Name> months = m.ident().stream().map(this::name).toList();
            return new ScheduleAst.Monthly(days, times(m.timeList()), months, span);
        }
        throw new Incomplete();
    }

    private ScheduleAst.MonthDays monthDays(MonthDaysContext m) {
        if (m instanceof DayNumbersContext d) {
            List<Long> days = d.INTEGER().stream().map(this::integer).toList();
            List<Span> spans = d.INTEGER().stream().map(this::span).toList();
            return new ScheduleAst.DayNumbers(days, spans, span(d));
        } else if (m instanceof OrdinalDayContext o) {
            TerminalNode ord = o.ORDINAL() != null ? o.ORDINAL() : o.LAST();
            return new ScheduleAst.Ordinal(req(ord).getText(), span(ord), name(o.ident()), span(o));
        }
        throw new Incomplete();
    }

    private List<ScheduleAst.TimeValue> times(TimeListContext t) {
        req(t);
        return t.TIME().stream().map(n -> new ScheduleAst.TimeValue(time(n), span(n))).toList();
    }

    private List<ScheduleAst.DayRange> days(DayListContext d) {
        req(d);
        return d.dayRange().stream()
                .map(r -> new ScheduleAst.DayRange(name(r.ident(0)), r.ident().size() > 1 ? name(r.ident(1)) : null, span(r)))
                .toList();
    }

    // ------------------------------------------------------------ expressions

    /** Builds expressions; each precedence level of the grammar folds into Binary nodes. */
    private final class ExprBuilder extends CampBaseVisitor<Expr> {
        /** A rule left incomplete by error recovery builds nothing: the statement is dropped. */
        @Override
        public Expr visit(org.antlr.v4.runtime.tree.ParseTree tree) {
            if (tree == null) {
                throw new Incomplete();
            }
            Expr e = super.visit(tree);
            if (e == null) {
                throw new Incomplete();
            }
            return e;
        }

        @Override
        public Expr visitExpr(ExprContext ctx) {
            return visit(req(ctx.orExpr()));
        }

        @Override
        public Expr visitOrExpr(OrExprContext ctx) {
            return fold(ctx.andExpr().stream().map(c -> visit(c)).toList(), Expr.BinaryOp.OR);
        }

        @Override
        public Expr visitAndExpr(AndExprContext ctx) {
            return fold(ctx.notExpr().stream().map(c -> visit(c)).toList(), Expr.BinaryOp.AND);
        }

        private Expr fold(List<Expr> operands, Expr.BinaryOp op) {
            if (operands.isEmpty()) {
                throw new Incomplete();
            }
            Expr result = operands.get(0);
            for (int i = 1; i < operands.size(); i++) {
                Expr right = operands.get(i);
                result = new Expr.Binary(op, result, right, result.span().to(right.span()));
            }
            return result;
        }

        @Override
        public Expr visitNotOperator(NotOperatorContext ctx) {
            return new Expr.Unary(Expr.UnaryOp.NOT, visit(req(ctx.notExpr())), span(ctx));
        }

        @Override
        public Expr visitPredicateOperand(PredicateOperandContext ctx) {
            return visit(req(ctx.predicate()));
        }

        @Override
        public Expr visitPredicate(PredicateContext ctx) {
            Expr left = visit(req(ctx.additive()));
            PredicateTailContext tail = ctx.predicateTail();
            if (tail == null) {
                return left;
            }
            if (tail.exception != null) {
                throw new Incomplete();
            }
            Span span = span(ctx);
            if (tail instanceof ComparisonTailContext c) {
                Expr.BinaryOp op = switch (req(c.op).getType()) {
                    case CampLexer.EQ -> Expr.BinaryOp.EQ;
                    case CampLexer.NE -> Expr.BinaryOp.NE;
                    case CampLexer.LT -> Expr.BinaryOp.LT;
                    case CampLexer.LE -> Expr.BinaryOp.LE;
                    case CampLexer.GT -> Expr.BinaryOp.GT;
                    default -> Expr.BinaryOp.GE;
                };
                return new Expr.Binary(op, left, visit(req(c.additive())), span);
            } else if (tail instanceof InListTailContext c) {
                return new Expr.InList(left, c.expr().stream().map(e -> visit(e)).toList(), c.NOT() != null, span);
            } else if (tail instanceof BetweenTailContext c) {
                return new Expr.Between(left, visit(req(c.additive(0))), visit(req(c.additive(1))), c.NOT() != null, span);
            } else if (tail instanceof IsNullTailContext c) {
                return new Expr.IsNull(left, c.NOT() != null, span);
            } else if (tail instanceof ContainsTailContext c) {
                return new Expr.Binary(Expr.BinaryOp.CONTAINS, left, visit(req(c.additive())), span);
            } else if (tail instanceof StartsWithTailContext c) {
                return new Expr.Binary(Expr.BinaryOp.STARTS_WITH, left, visit(req(c.additive())), span);
            } else if (tail instanceof EndsWithTailContext c) {
                return new Expr.Binary(Expr.BinaryOp.ENDS_WITH, left, visit(req(c.additive())), span);
            } else if (tail instanceof MatchesTailContext c) {
                return new Expr.Binary(Expr.BinaryOp.MATCHES, left, visit(req(c.additive())), span);
            }
            throw new Incomplete();
        }

        @Override
        public Expr visitAdditive(AdditiveContext ctx) {
            return arithmetic(ctx.multiplicative(), ctx.op);
        }

        @Override
        public Expr visitMultiplicative(MultiplicativeContext ctx) {
            return arithmetic(ctx.unary(), ctx.op);
        }

        private Expr arithmetic(List<? extends ParserRuleContext> operands, List<Token> ops) {
            if (operands.isEmpty() || ops.size() != operands.size() - 1) {
                throw new Incomplete();
            }
            Expr result = visit(operands.get(0));
            for (int i = 1; i < operands.size(); i++) {
                Expr right = visit(operands.get(i));
                Expr.BinaryOp op = switch (ops.get(i - 1).getType()) {
                    case CampLexer.PLUS -> Expr.BinaryOp.ADD;
                    case CampLexer.MINUS -> Expr.BinaryOp.SUB;
                    case CampLexer.STAR -> Expr.BinaryOp.MUL;
                    case CampLexer.SLASH -> Expr.BinaryOp.DIV;
                    default -> Expr.BinaryOp.MOD;
                };
                result = new Expr.Binary(op, result, right, result.span().to(right.span()));
            }
            return result;
        }

        @Override
        public Expr visitNegation(NegationContext ctx) {
            return new Expr.Unary(Expr.UnaryOp.NEGATE, visit(req(ctx.unary())), span(ctx));
        }

        @Override
        public Expr visitPostfixOperand(PostfixOperandContext ctx) {
            return visit(req(ctx.postfix()));
        }

        @Override
        public Expr visitPostfix(PostfixContext ctx) {
            Expr result = visit(req(ctx.primary()));
            for (IdentContext member : ctx.ident()) {
                Name m = name(member);
                result = new Expr.Member(result, m, result.span().to(m.span()));
            }
            return result;
        }

        @Override
        public Expr visitLiteralPrimary(LiteralPrimaryContext ctx) {
            return literal(req(ctx.literal()));
        }

        @Override
        public Expr visitCallPrimary(CallPrimaryContext ctx) {
            List<Expr.Argument> args = new ArrayList<>();
            for (ArgumentContext a : ctx.argument()) {
                List<ExprContext> parts = a.expr();
                Expr value = visit(req(parts.isEmpty() ? null : parts.get(0)));
                Expr filter = parts.size() > 1 ? visit(parts.get(1)) : null;
                args.add(new Expr.Argument(value, filter, span(a)));
            }
            return new Expr.Call(name(ctx.ident()), args, span(ctx));
        }

        @Override
        public Expr visitNamePrimary(NamePrimaryContext ctx) {
            return new Expr.Ref(name(ctx.ident()));
        }

        @Override
        public Expr visitParenPrimary(ParenPrimaryContext ctx) {
            return visit(req(ctx.expr()));
        }

        @Override
        public Expr visitInAudiencePrimary(InAudiencePrimaryContext ctx) {
            return new Expr.InAudience(name(ctx.ident()), span(ctx));
        }

        @Override
        public Expr visitInSavedPrimary(InSavedPrimaryContext ctx) {
            return new Expr.InSaved(string(ctx.string()), span(ctx.string()), span(ctx));
        }

        private Expr literal(LiteralContext ctx) {
            if (ctx.exception != null) {
                throw new Incomplete();
            }
            Span span = span(ctx);
            if (ctx instanceof DurationLiteralContext d) {
                return new Expr.Literal(Expr.LiteralKind.DURATION,
                        new DurationValue(integer(d.INTEGER()), unit(d.durationUnit())), span);
            } else if (ctx instanceof IntegerLiteralContext i) {
                return new Expr.Literal(Expr.LiteralKind.INT, integer(i.INTEGER()), span);
            } else if (ctx instanceof DecimalLiteralContext d) {
                return new Expr.Literal(Expr.LiteralKind.DECIMAL, new java.math.BigDecimal(req(d.DECIMAL_NUMBER()).getText()), span);
            } else if (ctx instanceof StringLiteralContext s) {
                return new Expr.Literal(Expr.LiteralKind.STRING, string(s.string()), span);
            } else if (ctx instanceof TrueLiteralContext) {
                return new Expr.Literal(Expr.LiteralKind.BOOL, Boolean.TRUE, span);
            } else if (ctx instanceof FalseLiteralContext) {
                return new Expr.Literal(Expr.LiteralKind.BOOL, Boolean.FALSE, span);
            } else if (ctx instanceof NullLiteralContext) {
                return new Expr.Literal(Expr.LiteralKind.NULL, null, span);
            } else if (ctx instanceof DateLiteralContext d) {
                LocalDate date = date(d.DATE());
                if (d.TIME() != null) {
                    LocalTime time = time(d.TIME());
                    LocalDateTime ts = date == null || time == null ? LocalDateTime.of(2000, 1, 1, 0, 0) : LocalDateTime.of(date, time);
                    return new Expr.Literal(Expr.LiteralKind.TIMESTAMP, ts, span);
                }
                return new Expr.Literal(Expr.LiteralKind.DATE, date == null ? LocalDate.of(2000, 1, 1) : date, span);
            } else if (ctx instanceof TimeLiteralContext t) {
                LocalTime time = time(t.TIME());
                return new Expr.Literal(Expr.LiteralKind.TIME, time == null ? LocalTime.MIDNIGHT : time, span);
            }
            throw new Incomplete();
        }
    }
}
