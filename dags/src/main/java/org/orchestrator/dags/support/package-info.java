/** Helpers the example pipelines share: staging files under the data folder. */
package org.orchestrator.dags.support;
