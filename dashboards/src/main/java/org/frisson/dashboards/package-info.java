/**
 * The live experimenter and listener pages, the Prometheus endpoint and the Grafana board
 * ({@code dashboards/grafana/frisson.json}). {@link org.frisson.dashboards.Dashboard} serves them; the
 * pipeline feeds it through {@link org.frisson.dashboards.InputFeed} and
 * {@link org.frisson.dashboards.OutputFeed}, plain arrays in, no LSL and no model types; ratings asked with
 * {@link org.frisson.dashboards.Dashboard#askRating} come back through a {@link org.frisson.dashboards.RatingSink}.
 */
package org.frisson.dashboards;
