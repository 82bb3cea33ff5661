package dev.imagedrift.stream;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

import java.util.Map;

/**
 * Puts every RocksDB state store of the process under one memory budget: a shared block cache
 * that also holds index and filter blocks, and a write-buffer manager charging memtables to that
 * cache. Without it each store instance (four stores times each partition) takes its own ~50 MB
 * cache and memtables, so off-heap memory grows with the partition count and a pod limit cannot
 * be set safely.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {
    /** Streams config key carrying the budget in bytes (set by {@link StreamsSettings}). */
    public static final String MEMORY_BYTES = "imagedrift.rocksdb.memory.bytes";
    /** Share of the budget memtables may take. */
    private static final double WRITE_BUFFER_SHARE = 0.4;

    private static Cache cache;
    private static WriteBufferManager writeBufferManager;

    private static synchronized void init(long bytes) {
        if (cache == null) {
            cache = new LRUCache(bytes, -1, false, 0.1);
            writeBufferManager = new WriteBufferManager((long) (bytes * WRITE_BUFFER_SHARE), cache);
        }
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Object budget = configs.get(MEMORY_BYTES);
        init(budget == null ? 64L << 20 : Long.parseLong(budget.toString()));
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(cache);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(writeBufferManager);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the manager are shared by every store: they live as long as the process.
    }
}
