/**
 * Schedules (§8 of the language reference): the resolved schedule model ({@link camp.schedule.ScheduleSpec},
 * {@link camp.schedule.Frequency}, {@link camp.schedule.MonthDays}) and {@link camp.schedule.LaunchCalendar},
 * which computes launch times from it.
 *
 * <p>Launch times are computed on the wall clock of the schedule's time zone and then resolved to instants
 * the way {@link java.time.ZonedDateTime#of(java.time.LocalDateTime, java.time.ZoneId)} does: a local time
 * inside a daylight-saving gap moves forward by the length of the gap (02:30 on a day that skips
 * 02:00–03:00 launches at 03:30), and a local time that happens twice launches once, at its first
 * occurrence (the earlier offset). Two slots that resolve to the same instant launch once.
 *
 * <p>The package depends on {@code java.time} only; every search is bounded (see
 * {@link camp.schedule.LaunchCalendar#MAX_IDLE_DAYS} and {@link camp.schedule.LaunchCalendar#MAX_SCAN_DAYS}),
 * so no schedule, however odd, can make a computation loop forever.
 */
package camp.schedule;
