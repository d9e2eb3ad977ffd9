package io.cdnpurge.internal;

import java.util.Arrays;

/**
 * A growable list of ints: the indices of a plan's targets, at four bytes each instead of a boxed reference, and at
 * no bytes at all while they are consecutive (one scope, targets in order: the common case).
 */
final class IntList {
    /** Null while the list is the range {@code first, first + 1, …}. */
    private int[] values;
    private int first;
    private int size;
    private final int capacity;

    IntList(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    /** The list {@code from, from + 1, …, from + count - 1}. */
    static IntList range(int from, int count) {
        IntList list = new IntList(count);
        list.first = from;
        list.size = count;
        return list;
    }

    /** The list of the values. */
    static IntList of(int... values) {
        IntList list = new IntList(values.length);
        for (int value : values) {
            list.add(value);
        }
        return list;
    }

    void add(int value) {
        if (values == null) {
            if (size == 0) {
                first = value;
                size = 1;
                return;
            }
            if (value == first + size) {
                size++;
                return;
            }
            values = new int[Math.max(capacity, size + 1)];
            for (int i = 0; i < size; i++) {
                values[i] = first + i;
            }
        }
        if (size == values.length) {
            values = Arrays.copyOf(values, size + (size >> 1) + 1);
        }
        values[size++] = value;
    }

    void addAll(IntList other) {
        for (int i = 0; i < other.size; i++) {
            add(other.get(i));
        }
    }

    int get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index + " of " + size);
        }
        return values == null ? first + index : values[index];
    }

    int size() {
        return size;
    }

    /** Whether the list is {@code from, from + 1, …}. */
    boolean isRangeFrom(int from) {
        if (values == null) {
            return size == 0 || first == from;
        }
        for (int i = 0; i < size; i++) {
            if (values[i] != from + i) {
                return false;
            }
        }
        return true;
    }

    /** The values from {@code from} (inclusive) to {@code to} (exclusive), as a list of their own. */
    IntList slice(int from, int to) {
        if (from < 0 || to > size || from > to) {
            throw new IndexOutOfBoundsException(from + ".." + to + " of " + size);
        }
        if (values == null) {
            return range(first + from, to - from);
        }
        IntList slice = new IntList(to - from);
        slice.values = Arrays.copyOfRange(values, from, to);
        slice.size = to - from;
        return slice;
    }
}
