/**
 * The project a campaign belongs to: the folder of the nearest {@code camp.toml} above it (or,
 * without one, the campaign's own folder), and what that file says. {@link camp.project.Project}
 * confines the files a campaign may read (sources, loads, templates, imports) to the project's
 * folder and the folders its {@code [paths] allow} lists; the run gives DuckDB the same folders
 * as its only ones.
 *
 * <p>May import {@code camp.source} and Jackson's TOML reader only.
 */
package camp.project;
