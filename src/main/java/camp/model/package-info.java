/**
 * The checked campaign: entities, links, audiences, params, activities with the shape of the rows
 * on each of their ports (entity and enriched columns), channels, the schedule, and every
 * expression resolved and typed as a {@link camp.model.Scalar}. Built by {@code camp.check}, read by
 * {@code camp.ir}, {@code camp.sql} and {@code camp.run}.
 */
package camp.model;
