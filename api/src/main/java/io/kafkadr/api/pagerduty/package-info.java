/**
 * PagerDuty v3 webhooks as failover triggers, without HTTP: {@link io.kafkadr.api.pagerduty.PagerDutyWebhook}
 * verifies a delivery (signature, replay window) and decides what it asks for
 * ({@link io.kafkadr.api.pagerduty.WebhookDecision}); the API's route turns the decision into a
 * response or a failover started through the operations' front door.
 */
package io.kafkadr.api.pagerduty;
