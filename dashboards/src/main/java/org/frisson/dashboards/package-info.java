/** The live experimenter and listener pages, the Prometheus endpoint and the Grafana board. */
package org.frisson.dashboards;
