/**
 * A client for Apache Airflow's REST API v2 (Airflow 3.x), used by data engineers to trigger,
 * follow and retry CareLake's nightly DAG runs.
 *
 * <p>Entry point: {@link org.carelake.airflow.AirflowClient}. Results are immutable records ({@link
 * org.carelake.airflow.Dag}, {@link org.carelake.airflow.DagRun}, {@link
 * org.carelake.airflow.TaskInstance}, {@link org.carelake.airflow.ImportError}); every failure is
 * an {@link org.carelake.airflow.AirflowException} whose message says what to do, created in {@link
 * org.carelake.airflow.AirflowErrors}.
 */
package org.carelake.airflow;
