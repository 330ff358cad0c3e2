/**
 * The campaign's canvas as a picture: a checked plan laid out by Eclipse ELK's layered algorithm
 * (activities as boxes, transitions as orthogonal edges labelled with their port and, for a run,
 * their row count), drawn as SVG, or written as Graphviz DOT or Mermaid text. Reads the plan only:
 * no database, no command line.
 */
package camp.graph;
