package dev.excalibur.data.cloudnative;

/** The cloud service behind a cloud-native provider. */
public enum CloudProviderType {
    /** Azure Cosmos DB. */
    COSMOS_DB,
    /** Amazon DynamoDB. */
    DYNAMO_DB,
    /** Google Cloud Firestore. */
    FIRESTORE
}
