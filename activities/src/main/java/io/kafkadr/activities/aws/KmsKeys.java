package io.kafkadr.activities.aws;

import io.kafkadr.workflows.provision.ProvisionNames;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.Tag;

/**
 * The pair's customer-managed KMS key in one region (Amazon MSK associates only SCRAM secrets
 * encrypted with a customer-managed key), found by its alias. The key is created, then aliased: a
 * crash between the two leaves a tagged key without alias, which a re-run does not find (the IAM
 * policy grants no ListKeys); it is the one resource a crash can orphan, at 1 USD a month.
 */
public final class KmsKeys {

    private final KmsClient kms;
    private final String region;
    private final ProvisionNames names;
    private final Map<String, String> extraTags;

    public KmsKeys(KmsClient kms, String region, ProvisionNames names, Map<String, String> extraTags) {
        this.kms = kms;
        this.region = region;
        this.names = names;
        this.extraTags = extraTags;
    }

    /** The key behind the pair's alias, unless it is scheduled for deletion (or disabled). */
    public Optional<KeyMetadata> find() {
        Optional<String> keyId = alias().map(AliasListEntry::targetKeyId);
        return keyId.map(id -> AwsFailures.call("describing KMS key " + id, () -> kms.describeKey(r -> r.keyId(id))
                .keyMetadata())).filter(k -> k.keyState() == KeyState.ENABLED);
    }

    public Optional<AliasListEntry> alias() {
        String alias = names.keyAlias();
        return AwsFailures.call("listing the KMS aliases of " + region, () -> kms.listAliasesPaginator(r -> r.limit(100))
                .aliases().stream().filter(a -> alias.equals(a.aliasName())).findFirst());
    }

    public KeyMetadata create() {
        KeyMetadata key = AwsFailures.call("creating the KMS key of pair " + names.pair() + " in " + region,
                () -> kms.createKey(r -> r.description("kafka-dr " + names.pair() + ": encrypts the MSK SCRAM secret")
                        .tags(names.tags(extraTags, names.keyAlias()).entrySet().stream().map(e -> Tag.builder()
                                .tagKey(e.getKey()).tagValue(e.getValue()).build()).toList())).keyMetadata());
        AwsFailures.call("aliasing KMS key " + key.keyId() + " as " + names.keyAlias(),
                () -> kms.createAlias(r -> r.aliasName(names.keyAlias()).targetKeyId(key.keyId())));
        return key;
    }

    /** Whether the key carries the pair's ownership tags. */
    public boolean owned(String keyId) {
        return names.owns(AwsFailures.call("listing the tags of KMS key " + keyId, () -> kms.listResourceTags(r -> r
                .keyId(keyId)).tags()).stream().collect(java.util.stream.Collectors.toMap(Tag::tagKey, Tag::tagValue,
                (a, b) -> a)));
    }

    public void deleteAlias() {
        try {
            kms.deleteAlias(r -> r.aliasName(names.keyAlias()));
        } catch (SdkException e) {
            if (!AwsFailures.notFound(e)) {
                throw AwsFailures.of("deleting KMS alias " + names.keyAlias(), e);
            }
        }
    }

    /** Schedules the key's deletion in 7 days (KMS's minimum: a key cannot be deleted at once). */
    public void scheduleDeletion(String keyId) {
        AwsFailures.call("scheduling the deletion of KMS key " + keyId, () -> kms.scheduleKeyDeletion(r -> r.keyId(keyId)
                .pendingWindowInDays(7)));
    }
}
