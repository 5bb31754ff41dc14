/** The incident API ({@code drctl api}): failover, failback and drills over authenticated HTTP. */
package io.kafkadr.api;
