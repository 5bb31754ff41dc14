/**
 * The front door through which drctl and the incident API start, find and observe operations:
 * request factories, workflow-id rules, typed stubs.
 */
package io.kafkadr.operations;
