/**
 * CSV in and out of a database: {@link org.orchestrator.tasks.csv.CsvLoad} loads a file into a table
 * with a declared schema and a dead-letter table for bad rows; {@link org.orchestrator.tasks.csv.CsvExport}
 * writes a query's result to a file. Parsing and printing use Apache Commons CSV.
 */
package org.orchestrator.tasks.csv;
