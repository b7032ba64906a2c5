package dev.kdi.records.objects;

/**
 * A pod's controlling owner reference.
 *
 * @param kind the owner's kind ({@code StatefulSet}, {@code ReplicaSet}, ...)
 * @param name the owner's name
 */
public record Owner(String kind, String name) {
}
