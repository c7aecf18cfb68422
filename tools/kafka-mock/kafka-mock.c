/*
 * Local Kafka-protocol broker for development and tests.
 *
 * Runs librdkafka's mock cluster (the Kafka protocol implementation librdkafka
 * itself is tested against) as real TCP brokers on 127.0.0.1, pre-creates the
 * topics it is given, prints one "READY <bootstrap servers>" line and then
 * reads control commands on stdin so tests can inject faults:
 *
 *   down <broker>                      take a broker down (connections refused)
 *   up <broker>                        bring it back
 *   leader <topic> <partition> <broker> move a partition leader
 *   rtt <broker> <ms>                  add round-trip latency to a broker
 *   errors <apikey> <errcode> <count>  fail the next <count> requests of a kind
 *   topic <name> <partitions>          create one more topic
 *   quit                               shut down (also on EOF, SIGINT, SIGTERM)
 *
 * Every command is answered with "OK <command>" or "ERR <reason>".
 *
 * Usage: kafka-mock [--brokers N] [--port BASE] [--partitions N] [topic[:partitions] ...]
 *
 * The mock cluster binds every broker to an ephemeral port. With --port, the
 * bind() below (which takes precedence over libc's for librdkafka, because the
 * executable's symbols come first) hands out BASE, BASE+1, ... instead, so
 * `npm start` can offer a stable address such as 127.0.0.1:9092.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

static int fixed_port_base = 0;
static int fixed_ports_handed_out = 0;

int bind(int fd, const struct sockaddr *addr, socklen_t len) {
  static int (*real_bind)(int, const struct sockaddr *, socklen_t) = NULL;
  if (!real_bind) real_bind = dlsym(RTLD_NEXT, "bind");
  if (fixed_port_base > 0 && addr && addr->sa_family == AF_INET &&
      len >= (socklen_t)sizeof(struct sockaddr_in)) {
    struct sockaddr_in patched;
    memcpy(&patched, addr, sizeof patched);
    if (patched.sin_port == 0) {
      patched.sin_port = htons((uint16_t)(fixed_port_base + fixed_ports_handed_out++));
      return real_bind(fd, (const struct sockaddr *)&patched, sizeof patched);
    }
  }
  return real_bind(fd, addr, len);
}

static volatile sig_atomic_t stop_requested = 0;
static void on_signal(int sig) { (void)sig; stop_requested = 1; }

static void reply(const char *fmt, const char *arg) {
  printf(fmt, arg);
  printf("\n");
  fflush(stdout);
}

static int create_topic(rd_kafka_mock_cluster_t *mc, const char *spec, int default_partitions, int replication) {
  char name[512];
  int partitions = default_partitions;
  snprintf(name, sizeof name, "%s", spec);
  char *colon = strchr(name, ':');
  if (colon) {
    *colon = '\0';
    partitions = atoi(colon + 1);
    if (partitions < 1) partitions = default_partitions;
  }
  rd_kafka_resp_err_t err = rd_kafka_mock_topic_create(mc, name, partitions, replication);
  if (err) {
    fprintf(stderr, "cannot create topic %s: %s\n", name, rd_kafka_err2str(err));
    return -1;
  }
  return 0;
}

static void handle_command(rd_kafka_mock_cluster_t *mc, char *line, int default_partitions, int replication) {
  char cmd[32] = {0}, a[256] = {0};
  int x = 0, y = 0, z = 0;
  line[strcspn(line, "\r\n")] = '\0';
  if (sscanf(line, "%31s", cmd) != 1) return;
  rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR_NO_ERROR;
  if (!strcmp(cmd, "down") && sscanf(line, "%*s %d", &x) == 1) {
    err = rd_kafka_mock_broker_set_down(mc, x);
  } else if (!strcmp(cmd, "up") && sscanf(line, "%*s %d", &x) == 1) {
    err = rd_kafka_mock_broker_set_up(mc, x);
  } else if (!strcmp(cmd, "leader") && sscanf(line, "%*s %255s %d %d", a, &x, &y) == 3) {
    err = rd_kafka_mock_partition_set_leader(mc, a, x, y);
  } else if (!strcmp(cmd, "rtt") && sscanf(line, "%*s %d %d", &x, &y) == 2) {
    err = rd_kafka_mock_broker_set_rtt(mc, x, y);
  } else if (!strcmp(cmd, "errors") && sscanf(line, "%*s %d %d %d", &x, &y, &z) == 3) {
    for (int i = 0; i < z; i++) rd_kafka_mock_push_request_errors(mc, x, 1, (rd_kafka_resp_err_t)y);
  } else if (!strcmp(cmd, "topic") && sscanf(line, "%*s %255s %d", a, &x) == 2) {
    char spec[300];
    snprintf(spec, sizeof spec, "%s:%d", a, x);
    if (create_topic(mc, spec, default_partitions, replication)) { reply("ERR cannot create topic %s", a); return; }
  } else if (!strcmp(cmd, "quit")) {
    stop_requested = 1;
  } else {
    reply("ERR unknown or malformed command: %s", line);
    return;
  }
  if (err) reply("ERR %s", rd_kafka_err2str(err));
  else reply("OK %s", cmd);
}

int main(int argc, char **argv) {
  int brokers = 3, default_partitions = 3;
  const char *topics[256];
  int topic_count = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--brokers") && i + 1 < argc) brokers = atoi(argv[++i]);
    else if (!strcmp(argv[i], "--port") && i + 1 < argc) fixed_port_base = atoi(argv[++i]);
    else if (!strcmp(argv[i], "--partitions") && i + 1 < argc) default_partitions = atoi(argv[++i]);
    else if (topic_count < 256) topics[topic_count++] = argv[i];
  }
  if (brokers < 1) brokers = 1;
  int replication = brokers < 3 ? brokers : 3;

  char errstr[512];
  rd_kafka_conf_t *conf = rd_kafka_conf_new();
  rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
  if (!rk) { fprintf(stderr, "rd_kafka_new failed: %s\n", errstr); return 1; }
  rd_kafka_mock_cluster_t *mc = rd_kafka_mock_cluster_new(rk, brokers);
  if (!mc) {
    fprintf(stderr, "cannot start the mock cluster%s\n", fixed_port_base ? " (is the port already in use?)" : "");
    return 1;
  }
  for (int i = 0; i < topic_count; i++) {
    if (create_topic(mc, topics[i], default_partitions, replication)) return 1;
  }

  signal(SIGINT, on_signal);
  signal(SIGTERM, on_signal);
  signal(SIGPIPE, SIG_IGN);
  printf("READY %s\n", rd_kafka_mock_cluster_bootstraps(mc));
  fflush(stdout);

  char line[1024];
  while (!stop_requested) {
    fd_set fds;
    FD_ZERO(&fds);
    FD_SET(STDIN_FILENO, &fds);
    struct timeval tv = {0, 200000};
    int ready = select(STDIN_FILENO + 1, &fds, NULL, NULL, &tv);
    if (ready < 0 && errno != EINTR) break;
    if (ready > 0) {
      if (!fgets(line, sizeof line, stdin)) {
        /* EOF: the parent is gone unless it asked us to keep running. */
        if (!getenv("KAFKA_MOCK_IGNORE_EOF")) break;
        sleep(1);
        continue;
      }
      handle_command(mc, line, default_partitions, replication);
    }
  }
  rd_kafka_mock_cluster_destroy(mc);
  rd_kafka_destroy(rk);
  return 0;
}
