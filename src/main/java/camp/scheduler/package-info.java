/**
 * The scheduler: a long-running process over campaign files and folders that starts each run
 * at its launch time (§8), resumes waiting runs when their time comes and interrupted runs at
 * once, and re-reads a campaign when its file changes ({@link camp.scheduler.Scheduler}). It
 * records every launch with its run, in one transaction, so that a restart never launches a
 * slot twice. The same engine runs a window of time as if it had passed, for tests and for
 * people who want to see a month in a second.
 *
 * <p>May import {@code camp.check}, {@code camp.ir}, {@code camp.run}, {@code camp.schedule},
 * {@code camp.diag} and {@code camp.source}: it runs campaigns as {@code camp run} does.
 */
package camp.scheduler;
