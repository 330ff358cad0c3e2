package camp.run;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

/**
 * Rows already read, as a JDBC result set: what camp's connection over Spark returns (Spark's rows
 * are collected to the driver whole), with the readers camp uses, by index or label.
 */
public final class Rows {
    private Rows() {
    }

    /** A result set of these rows under these column names. */
    public static ResultSet of(List<String> columns, List<Object[]> rows) {
        int[] at = {-1};
        boolean[] wasNull = {false};
        return proxy(ResultSet.class, (self, m, args) -> {
            switch (m.getName()) {
                case "next":
                    return ++at[0] < rows.size();
                case "close":
                    return null;
                case "isClosed":
                    return false;
                case "wasNull":
                    return wasNull[0];
                case "findColumn":
                    return column(columns, (String) args[0]);
                case "getMetaData":
                    return proxy(ResultSetMetaData.class, (s, mm, a) -> switch (mm.getName()) {
                        case "getColumnCount" -> columns.size();
                        case "getColumnLabel", "getColumnName" -> columns.get((Integer) a[0] - 1);
                        default -> unsupported(mm);
                    });
                default:
                    break;
            }
            if (!m.getName().startsWith("get") || args == null || args.length == 0 || args.length > 2
                    || args.length == 2 && !(m.getName().equals("getObject") && args[1] instanceof Class<?>)) {
                return unsupported(m);
            }
            int column = args[0] instanceof Integer i ? i : column(columns, (String) args[0]);
            Object value = rows.get(at[0])[column - 1];
            wasNull[0] = value == null;
            return switch (m.getName()) {
                case "getObject" -> args.length == 2 ? as(value, (Class<?>) args[1]) : value;
                case "getString" -> value == null ? null : String.valueOf(value);
                case "getLong" -> value == null ? 0L : ((Number) value).longValue();
                case "getInt" -> value == null ? 0 : ((Number) value).intValue();
                case "getDouble" -> value == null ? 0.0 : ((Number) value).doubleValue();
                case "getBigDecimal" -> value == null ? null : value instanceof java.math.BigDecimal d ? d : new java.math.BigDecimal(value.toString());
                case "getBoolean" -> value != null && (Boolean) value;
                default -> unsupported(m);
            };
        });
    }

    /** A value as the type a reader asks for: date-times between java.time's kinds (Spark gives NTZ as LocalDateTime, LTZ as Instant). */
    private static Object as(Object value, Class<?> type) throws SQLException {
        if (value == null || type.isInstance(value)) {
            return value;
        }
        if (type == java.time.LocalDateTime.class && value instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime();
        }
        if (type == java.time.LocalDateTime.class && value instanceof java.time.LocalDate d) {
            return d.atStartOfDay();
        }
        if (type == OffsetDateTime.class && value instanceof java.time.Instant i) {
            return i.atOffset(java.time.ZoneOffset.UTC);
        }
        if (type == java.time.LocalDate.class && value instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (type == String.class) {
            return String.valueOf(value);
        }
        throw new SQLException("a " + value.getClass().getSimpleName() + " value read as " + type.getSimpleName());
    }

    private static int column(List<String> columns, String label) throws SQLException {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).equalsIgnoreCase(label)) {
                return i + 1;
            }
        }
        throw new SQLException("no column " + label.toLowerCase(Locale.ROOT) + " in " + columns);
    }

    private static Object unsupported(Method m) throws SQLException {
        throw new SQLException("rows read from Spark do not do " + m.getDeclaringClass().getSimpleName() + "." + m.getName());
    }

    private interface Call {
        Object call(Object self, Method m, Object[] args) throws Exception;
    }

    private static <T> T proxy(Class<T> type, Call call) {
        return type.cast(Proxy.newProxyInstance(Rows.class.getClassLoader(), new Class<?>[] {type}, (self, m, args) -> {
            if (m.getDeclaringClass() == Object.class) {
                return switch (m.getName()) {
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    default -> type.getSimpleName() + " of rows";
                };
            }
            return call.call(self, m, args);
        }));
    }
}
