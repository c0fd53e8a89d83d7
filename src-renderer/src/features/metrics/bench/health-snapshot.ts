// A real answer of health:get from the dev stack (recorded with curl), so the Overview renders as on a live stack.
export const healthSnapshot = {
  overall: 'degraded',
  overallReason: 'Flink TaskManagers degraded',
  checkedAt: 1795598219687,
  services: {
    kafka: {
      status: 'up',
      reason: '',
      checkedAt: 1795598218429,
      latencyMs: 1257,
      details: {
        bootstrap: '127.0.0.1:9092',
        clusterId: 'YJDKM0z-R_uFow4qJeqAgQ',
        brokers: 1,
        controllerId: 0,
        topics: 6,
        partitions: 69,
        underReplicatedPartitions: 0,
        offlinePartitions: 0,
      },
    },
    zookeeper: {
      checkedAt: 1795598218429,
      latencyMs: 84,
      details: {
        address: '127.0.0.1:2181',
        mode: 'standalone',
        version: '3.8.4',
        avgLatencyMs: 1.7436,
        maxLatencyMs: 280,
        connections: 2,
        znodes: 187,
      },
      status: 'up',
      reason: '',
    },
    flink: {
      status: 'up',
      reason: '',
      checkedAt: 1795598218430,
      latencyMs: 16,
      details: {
        url: 'http://127.0.0.1:8081',
        version: '1.18.1',
        jobsRunning: 2,
        jobsFinished: 0,
        jobsCancelled: 2,
        jobsFailed: 0,
      },
    },
    taskmanagers: {
      status: 'degraded',
      reason: 'All 2 task slots are in use: a new job will wait',
      checkedAt: 1795598218430,
      latencyMs: 16,
      details: {
        taskManagers: 1,
        slotsTotal: 2,
        slotsAvailable: 0,
      },
    },
    kafkaUi: {
      status: 'not-configured',
      reason: 'No Kafka UI URL in this connection',
      checkedAt: 1795598218444,
      latencyMs: null,
      details: {
        url: null,
      },
    },
    // recorded before the health snapshot had a Schema Registry: as a connection without one answers
    schemaRegistry: {
      status: 'not-configured',
      reason: 'No Schema Registry URL in this connection',
      checkedAt: 1795598218444,
      latencyMs: null,
      details: { url: null, subjects: null },
    },
    // recorded before the health snapshot had Kafka Connect: as a connection without one answers
    connect: {
      status: 'not-configured',
      reason: 'No Kafka Connect URL in this connection',
      checkedAt: 1795598218444,
      latencyMs: null,
      details: {
        urls: [],
        clustersUp: null,
        version: null,
        workers: null,
        connectors: null,
        connectorsRunning: null,
        connectorsFailed: null,
        tasksFailed: null,
      },
    },
  },
};
