/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * casebook-bench: measures what a large collection costs.
 *
 * It generates N synthetic cases as one interchange document, written with
 * the core's own serializer, then times json-glib alone on that file, the
 * core's reader, an import into a fresh store, search as the person types,
 * and the first and last pages of the case list. Every figure is printed on
 * a line of its own as `name: value unit`, followed by one `target_…:`
 * line per target. See docs/benchmarks.md.
 */
#define G_LOG_DOMAIN "casebook-bench"

#include <errno.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casebook-case-list.h"
#include "casebook-json.h"
#include "casebook-render-compare.h"
#include "casebook-render-report.h"
#include "casebook-store-charts.h"
#include "casebook-store.h"

#define DEFAULT_N_CASES     100000
#define SEED                20250601
#define QUERY_SEED          4242
#define VARIANT_SEED        7919
#define SEARCH_LIMIT        50
#define QUERIES_PER_CLASS   200
#define WARMUP_QUERIES      10
#define LONG_QUERIES        10
#define PARSE_REPEATS       2   /* json-glib alone, and the core's reader */
#define PAGE_ITEMS          50
#define FIRST_PAGE_REPEATS  20
#define DEEP_PAGE_REPEATS   5

#define TARGET_IMPORT_RATIO 3.0
#define TARGET_SEARCH_P95   16.0
#define TARGET_FIRST_PAGE   5.0

/* Word pools ----------------------------------------------------------- */

/* Two-character words. Texts draw from them with Zipf weights (the first
 * words are the most frequent), so that some words are in nearly every
 * case and others in few, as in real writing; queries draw uniformly. */
static const char * const zh_words[] = {
  "平台", "容器", "数据", "系统", "业务", "安全", "架构", "迁移", "运维", "监控",
  "集群", "网络", "存储", "服务", "资源", "性能", "自动", "调度", "虚拟", "混合",
  "云端", "私有", "公有", "金融", "银行", "保险", "证券", "制造", "汽车", "电子",
  "机械", "电商", "社交", "游戏", "政府", "部门", "合规", "边缘", "计算", "微服",
  "治理", "弹性", "扩展", "镜像", "编排", "核心", "交易", "支付", "风控", "清算",
  "中台", "日志", "告警", "备份", "容灾", "灰度", "发布", "测试", "交付", "研发",
  "延迟", "吞吐", "成本", "利用", "隔离", "租户", "认证", "加密", "审计", "信创",
  "国产", "芯片", "网关", "缓存", "队列", "消息", "模型", "推理", "训练", "算力",
  "调优", "升级", "改造", "整合", "工厂", "产线", "设备", "终端", "门户", "办公",
  "政务", "税务", "社保", "物流", "医疗", "能源", "电力", "零售", "报表", "流水",
};

static const char * const en_words[] = {
  "platform", "cluster", "migration", "container", "service", "data", "security",
  "latency", "network", "storage", "monitoring", "deployment", "availability",
  "Kubernetes", "workload", "infrastructure", "automation", "orchestration",
  "virtualization", "cloud", "hybrid", "private", "gateway", "pipeline", "release",
  "rollout", "scaling", "tenant", "isolation", "backup", "recovery", "failover",
  "compliance", "audit", "encryption", "observability", "logging", "alerting",
  "throughput", "capacity", "utilization", "consolidation", "modernization",
  "microservices", "legacy", "mainframe", "edge", "inference", "training", "GPU",
  "vSphere", "OpenShift", "Istio", "Prometheus", "Grafana", "Docker", "containerd",
  "Helm", "Envoy", "Ceph", "MinIO", "Kafka", "Redis", "Terraform", "Ansible",
  "Jenkins", "Harbor", "etcd", "Calico", "Cilium", "KubeVirt", "WebAssembly",
  "banking", "insurance", "securities", "factory", "logistics", "retail", "payment",
  "trading", "ledger", "analytics", "telemetry", "firmware", "terminal", "portal",
};

static const char * const zh_connectors[] = { "的", "和", "与", "及", "，", "实现", "提升", "通过", "支持" };
static const char * const en_connectors[] = { "the", "and", "for", "with", "of", "to", "in", "on", "across" };

static const char * const zh_scales[] = { "大型", "中型", "区域性", "全国性", "头部", "国有", "民营" };
static const char * const en_scales[] = { "large", "mid-sized", "regional", "national", "leading", "state-owned", "private" };

static const char * const zh_title_suffixes[] = { "实践", "案例", "项目", "改造", "建设", "之路", "方案" };
static const char * const en_title_suffixes[] = {
  "migration", "rollout", "platform", "modernization", "program", "case study", "consolidation",
};

typedef struct
{
  const char *key;
  const char *zh;
  const char *en;
  guint       weight;
  const char *org_zh[3];
  const char *org_en[3];
  const char *sub_zh[3];
  const char *sub_en[3];
} SectorInfo;

/* The four built-in sectors, and a few that the document adds. */
static const SectorInfo sectors[] = {
  { "finance", "金融", "Finance", 3,
    { "银行", "保险公司", "证券公司" }, { "bank", "insurer", "securities firm" },
    { "银行", "保险", "证券" }, { "Banking", "Insurance", "Securities" } },
  { "manufacturing", "制造业", "Manufacturing", 3,
    { "汽车制造商", "电子制造企业", "机械制造企业" }, { "carmaker", "electronics maker", "machinery maker" },
    { "汽车", "电子", "机械" }, { "Automotive", "Electronics", "Machinery" } },
  { "internet", "互联网", "Internet", 3,
    { "电商平台", "社交平台", "游戏公司" }, { "e-commerce platform", "social network", "game studio" },
    { "电商", "社交", "游戏" }, { "E-commerce", "Social media", "Gaming" } },
  { "government", "政府机构", "Government", 3,
    { "政府部门", "政务服务中心", "税务机关" }, { "government department", "public service centre", "tax office" },
    { "政务", "税务", "社保" }, { "E-government", "Taxation", "Social security" } },
  { "energy", "能源", "Energy", 1,
    { "电力公司", "能源集团", "电网公司" }, { "power company", "energy group", "grid operator" },
    { "电力", "油气", "新能源" }, { "Power", "Oil and gas", "Renewables" } },
  { "healthcare", "医疗", "Healthcare", 1,
    { "医院", "医疗集团", "医保中心" }, { "hospital", "hospital group", "health insurance centre" },
    { "医院", "医保", "药企" }, { "Hospitals", "Health insurance", "Pharma" } },
  { "telecom", "电信", "Telecom", 1,
    { "运营商", "通信设备商", "广电网络" }, { "carrier", "telecom equipment maker", "cable network" },
    { "运营商", "设备", "广电" }, { "Carriers", "Equipment", "Broadcasting" } },
  { "logistics", "物流", "Logistics", 1,
    { "物流公司", "快递企业", "港口集团" }, { "logistics company", "courier", "port group" },
    { "快递", "仓储", "港口" }, { "Courier", "Warehousing", "Ports" } },
};

#define N_BUILTIN_SECTORS 4

typedef struct
{
  const char *zh;        /* NULL: the name is the same in both languages */
  const char *en;
  const char *family;
  const char *role_zh;
  const char *role_en;
  const char *version;   /* NULL: none stated */
} Product;

static const Product products[] = {
  { NULL, "VMware vSphere", "virtualization", "虚拟化平台", "Virtualization platform", "8.0" },
  { NULL, "VMware vSAN", "storage", "存储方案", "Storage", "8.0" },
  { NULL, "VMware NSX", "network", "网络方案", "Networking", "4.1" },
  { NULL, "Kubernetes", "orchestration", "容器编排", "Container orchestration", "1.30" },
  { NULL, "Red Hat OpenShift", "containers", "容器平台", "Container platform", "4.15" },
  { NULL, "Docker", "containers", "容器引擎", "Container engine", "26.1" },
  { NULL, "containerd", "runtime", "容器运行时", "Container runtime", "1.7" },
  { NULL, "Istio", "service-mesh", "服务网格", "Service mesh", "1.22" },
  { NULL, "Envoy", "service-mesh", "服务代理", "Service proxy", NULL },
  { NULL, "Prometheus", "monitoring", "监控系统", "Monitoring", "2.52" },
  { NULL, "Grafana", "monitoring", "可视化", "Dashboards", "11.0" },
  { NULL, "Elasticsearch", "data", "日志检索", "Log search", "8.13" },
  { NULL, "Ceph", "storage", "分布式存储", "Distributed storage", "18.2" },
  { NULL, "MinIO", "storage", "对象存储", "Object storage", NULL },
  { NULL, "Calico", "network", "容器网络", "Container networking", "3.28" },
  { NULL, "Cilium", "network", "容器网络", "Container networking", "1.15" },
  { NULL, "Harbor", "devops", "镜像仓库", "Image registry", "2.10" },
  { NULL, "Jenkins", "devops", "持续集成", "Continuous integration", NULL },
  { NULL, "Argo CD", "devops", "持续交付", "Continuous delivery", "2.11" },
  { NULL, "Helm", "devops", "应用打包", "Packaging", "3.15" },
  { NULL, "KubeVirt", "virtualization", "虚拟机编排", "VM orchestration", "1.2" },
  { NULL, "KubeEdge", "edge", "边缘计算", "Edge computing", "1.17" },
  { NULL, "K3s", "edge", "轻量集群", "Lightweight cluster", NULL },
  { NULL, "Wasmtime", "webassembly", "WebAssembly 运行时", "WebAssembly runtime", "21.0" },
  { NULL, "WasmEdge", "webassembly", "WebAssembly 运行时", "WebAssembly runtime", "0.14" },
  { NULL, "Apache Kafka", "integration", "消息队列", "Message queue", "3.7" },
  { NULL, "Redis", "data", "缓存", "Cache", "7.2" },
  { NULL, "OpenStack", "cloud", "云平台", "Cloud platform", "2024.1" },
  { NULL, "Terraform", "devops", "基础设施即代码", "Infrastructure as code", "1.8" },
  { NULL, "HashiCorp Vault", "security", "密钥管理", "Secrets management", NULL },
  { "自研调度平台", "In-house scheduler", "orchestration", "调度平台", "Scheduling platform", NULL },
  { "国产操作系统", "Domestic operating system", "runtime", "操作系统", "Operating system", NULL },
};

typedef struct
{
  const char     *key;
  const char     *zh;
  const char     *en;
  CasebookUnit    unit;
  CasebookBetter  better;
} MetricInfo;

static const MetricInfo metrics[] = {
  { "cost", "运维成本", "Operations cost", CASEBOOK_UNIT_PERCENT_CHANGE, CASEBOOK_BETTER_LOWER },
  { "availability", "系统可用性", "System availability", CASEBOOK_UNIT_PERCENT, CASEBOOK_BETTER_HIGHER },
  { "utilization", "资源利用率", "Resource utilization", CASEBOOK_UNIT_PERCENT, CASEBOOK_BETTER_HIGHER },
  { "deployment_speed", "部署速度", "Deployment speed", CASEBOOK_UNIT_TIMES, CASEBOOK_BETTER_HIGHER },
  { "efficiency", "运维效率", "Operations efficiency", CASEBOOK_UNIT_TIMES, CASEBOOK_BETTER_HIGHER },
  { "automation", "自动化率", "Automation rate", CASEBOOK_UNIT_PERCENT, CASEBOOK_BETTER_HIGHER },
  { "latency", "响应延迟", "Response latency", CASEBOOK_UNIT_PERCENT_CHANGE, CASEBOOK_BETTER_LOWER },
  { "scalability", "扩容速度", "Scale-out speed", CASEBOOK_UNIT_TIMES, CASEBOOK_BETTER_HIGHER },
  { "performance", "系统性能", "System performance", CASEBOOK_UNIT_PERCENT_CHANGE, CASEBOOK_BETTER_HIGHER },
  { "compliance", "合规检查通过率", "Compliance pass rate", CASEBOOK_UNIT_PERCENT, CASEBOOK_BETTER_HIGHER },
};

/* Random helpers ------------------------------------------------------- */

typedef struct
{
  const char * const *words;
  guint               n;
  double             *cdf;
} Pool;

static void
pool_init (Pool               *pool,
           const char * const *words,
           guint               n)
{
  double sum = 0;

  pool->words = words;
  pool->n = n;
  pool->cdf = g_new (double, n);

  for (guint i = 0; i < n; i++)
    {
      sum += 1.0 / (i + 1);
      pool->cdf[i] = sum;
    }
  for (guint i = 0; i < n; i++)
    pool->cdf[i] /= sum;
}

static void
pool_clear (Pool *pool)
{
  g_clear_pointer (&pool->cdf, g_free);
}

/* A word with Zipf weights: the k-th word is drawn with weight 1/k. */
static const char *
pool_zipf (const Pool *pool,
           GRand      *rand)
{
  double x = g_rand_double (rand);
  guint lo = 0, hi = pool->n - 1;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (pool->cdf[mid] < x)
        lo = mid + 1;
      else
        hi = mid;
    }

  return pool->words[lo];
}

static const char *
pool_uniform (const Pool *pool,
              GRand      *rand)
{
  return pool->words[g_rand_int_range (rand, 0, (gint32) pool->n)];
}

#define PICK(rand, array) ((array)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])

static gboolean
chance (GRand  *rand,
        double  p)
{
  return g_rand_double (rand) < p;
}

/* Synthetic cases ------------------------------------------------------ */

typedef struct
{
  GRand *rand;
  Pool   zh;
  Pool   en;
  /* With --facet-variants: the numbered variants of each sub-sector and
   * product name, drawn from a generator of their own so that the rest
   * of every case stays what it is without the option. */
  guint  variants;
  GRand *variant_rand;
} Generator;


static void
append_capitalized (GString    *out,
                    const char *word)
{
  if (g_ascii_islower (word[0]))
    {
      g_string_append_c (out, g_ascii_toupper (word[0]));
      g_string_append (out, word + 1);
    }
  else
    g_string_append (out, word);
}

static char *
zh_phrase (Generator *gen,
           guint      min_words,
           guint      max_words)
{
  GString *out = g_string_new (NULL);
  guint n = (guint) g_rand_int_range (gen->rand, (gint32) min_words, (gint32) max_words + 1);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0 && chance (gen->rand, 0.25))
        g_string_append (out, PICK (gen->rand, zh_connectors));
      g_string_append (out, pool_zipf (&gen->zh, gen->rand));
    }

  /* Real texts mix in numbers and Latin product names. */
  if (n > 3 && chance (gen->rand, 0.15))
    g_string_append_printf (out, "提升%d%%", g_rand_int_range (gen->rand, 5, 95));
  else if (n > 3 && chance (gen->rand, 0.1))
    g_string_append_printf (out, "基于%s", PICK (gen->rand, products).en);

  return g_string_free (out, FALSE);
}

static char *
en_phrase (Generator *gen,
           guint      min_words,
           guint      max_words)
{
  GString *out = g_string_new (NULL);
  guint n = (guint) g_rand_int_range (gen->rand, (gint32) min_words, (gint32) max_words + 1);

  for (guint i = 0; i < n; i++)
    {
      const char *word = pool_zipf (&gen->en, gen->rand);

      if (i > 0)
        {
          g_string_append_c (out, ' ');
          if (chance (gen->rand, 0.3))
            {
              g_string_append (out, PICK (gen->rand, en_connectors));
              g_string_append_c (out, ' ');
            }
        }
      if (i == 0)
        append_capitalized (out, word);
      else
        g_string_append (out, word);
    }

  if (n > 3 && chance (gen->rand, 0.15))
    g_string_append_printf (out, " up %d%%", g_rand_int_range (gen->rand, 5, 95));

  return g_string_free (out, FALSE);
}

static CasebookText *
take_text (char *zh,
           char *en)
{
  CasebookText *text = casebook_text_new (zh, en);

  g_free (zh);
  g_free (en);
  return text;
}

static CasebookText *
phrase_text (Generator *gen,
             guint      min_words,
             guint      max_words)
{
  char *zh = zh_phrase (gen, min_words, max_words);
  char *en = en_phrase (gen, min_words + 1, max_words + 2);

  return take_text (zh, en);
}

static void
add_phrases (Generator *gen,
             GPtrArray *array,
             guint      min_count,
             guint      max_count,
             guint      min_words,
             guint      max_words)
{
  guint n = (guint) g_rand_int_range (gen->rand, (gint32) min_count, (gint32) max_count + 1);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (array, phrase_text (gen, min_words, max_words));
}

static const SectorInfo *
pick_sector (GRand *rand)
{
  guint total = 0, x;

  for (guint i = 0; i < G_N_ELEMENTS (sectors); i++)
    total += sectors[i].weight;

  x = (guint) g_rand_int_range (rand, 0, (gint32) total);
  for (guint i = 0; i < G_N_ELEMENTS (sectors); i++)
    {
      if (x < sectors[i].weight)
        return &sectors[i];
      x -= sectors[i].weight;
    }

  return &sectors[0];
}

static void
add_stack (Generator    *gen,
           CasebookCase *c)
{
  guint n = (guint) g_rand_int_range (gen->rand, 3, 7);
  gboolean used[G_N_ELEMENTS (products)] = { FALSE };

  for (guint i = 0; i < n; i++)
    {
      CasebookStackItem *item = casebook_stack_item_new ();
      guint k;

      do
        k = (guint) g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (products));
      while (used[k]);
      used[k] = TRUE;

      item->role = casebook_text_new (products[k].role_zh, products[k].role_en);
      if (gen->variants == 0)
        item->product = products[k].zh != NULL
                        ? casebook_text_new (products[k].zh, products[k].en)
                        : casebook_text_new_same (products[k].en);
      else
        {
          /* One variant for both languages: they name one product. */
          guint v = (guint) g_rand_int_range (gen->variant_rand, 1, (gint32) gen->variants + 1);
          g_autofree char *en = g_strdup_printf ("%s %u", products[k].en, v);

          if (products[k].zh != NULL)
            {
              g_autofree char *zh = g_strdup_printf ("%s %u", products[k].zh, v);

              item->product = casebook_text_new (zh, en);
            }
          else
            item->product = casebook_text_new_same (en);
        }
      item->version = products[k].version != NULL && chance (gen->rand, 0.6)
                      ? g_strdup (products[k].version) : NULL;
      item->family = g_strdup (products[k].family);
      g_ptr_array_add (casebook_case_get_stack (c), item);
    }
}

static void
add_phases (Generator    *gen,
            CasebookCase *c,
            int           start_year)
{
  guint n = (guint) g_rand_int_range (gen->rand, 2, 5);
  gboolean quarters = chance (gen->rand, 0.5);
  CasebookPoint at = { start_year, quarters ? g_rand_int_range (gen->rand, 1, 5) : 0 };

  for (guint i = 0; i < n; i++)
    {
      CasebookPhase *phase = casebook_phase_new ();
      g_autofree char *zh = zh_phrase (gen, 1, 3);
      g_autofree char *en = en_phrase (gen, 2, 4);
      g_autofree char *zh_name = g_strconcat (zh, "阶段", NULL);
      g_autofree char *en_name = g_strdup_printf ("Phase %u: %s", i + 1, en);

      phase->name = casebook_text_new (zh_name, en_name);
      phase->start = at;
      phase->end = at;

      if (quarters)
        {
          int length = g_rand_int_range (gen->rand, 1, 5);
          int q = at.quarter - 1 + length - 1;

          phase->end.year = at.year + q / 4;
          phase->end.quarter = q % 4 + 1;
          at.year = phase->end.year + (phase->end.quarter == 4);
          at.quarter = phase->end.quarter % 4 + 1;
        }
      else
        {
          phase->end.year = at.year + g_rand_int_range (gen->rand, 0, 2);
          at.year = phase->end.year + 1;
        }

      g_ptr_array_add (casebook_case_get_phases (c), phase);
    }
}

static void
add_challenges (Generator    *gen,
                CasebookCase *c)
{
  guint n = (guint) g_rand_int_range (gen->rand, 1, 5);

  for (guint i = 0; i < n; i++)
    {
      CasebookChallenge *challenge = casebook_challenge_new ();
      const char *w1 = pool_zipf (&gen->zh, gen->rand);
      const char *e1 = pool_zipf (&gen->en, gen->rand);
      g_autofree char *zh_title = g_strconcat (w1, chance (gen->rand, 0.5) ? "挑战" : "要求", NULL);
      g_autoptr(GString) en_title = g_string_new (NULL);

      append_capitalized (en_title, e1);
      challenge->title = casebook_text_new (zh_title, en_title->str);
      challenge->text = phrase_text (gen, 3, 8);
      if (chance (gen->rand, 0.8))
        challenge->solution = phrase_text (gen, 3, 9);
      g_ptr_array_add (casebook_case_get_challenges (c), challenge);
    }
}

static void
add_outcomes (Generator    *gen,
              CasebookCase *c)
{
  guint n = (guint) g_rand_int_range (gen->rand, 2, 7);

  for (guint i = 0; i < n; i++)
    {
      const MetricInfo *m = &PICK (gen->rand, metrics);
      CasebookOutcome *outcome = casebook_outcome_new ();
      g_autofree char *zh = NULL;
      g_autofree char *en = NULL;

      outcome->metric = g_strdup (m->key);

      if (chance (gen->rand, 0.15))
        {
          /* A qualitative outcome. */
          zh = g_strdup_printf ("%s从数周缩短到数小时", m->zh);
          en = g_strdup_printf ("%s went from weeks to hours", m->en);
        }
      else if (m->unit == CASEBOOK_UNIT_PERCENT)
        {
          int base = g_rand_int_range (gen->rand, 10, 70);
          int value = g_rand_int_range (gen->rand, base + 5, 100);
          gboolean with_base = chance (gen->rand, 0.6);

          outcome->has_value = TRUE;
          outcome->value = value == 99 && chance (gen->rand, 0.5) ? 99.99 : value;
          outcome->unit = CASEBOOK_UNIT_PERCENT;
          outcome->better = m->better;
          if (with_base)
            {
              outcome->has_baseline = TRUE;
              outcome->baseline = base;
              zh = g_strdup_printf ("%s从%d%%提升到%g%%", m->zh, base, outcome->value);
              en = g_strdup_printf ("%s rose from %d%% to %g%%", m->en, base, outcome->value);
            }
          else
            {
              zh = g_strdup_printf ("%s达到%g%%", m->zh, outcome->value);
              en = g_strdup_printf ("%s reached %g%%", m->en, outcome->value);
            }
        }
      else if (m->unit == CASEBOOK_UNIT_PERCENT_CHANGE)
        {
          int change = g_rand_int_range (gen->rand, 5, 80);

          outcome->has_value = TRUE;
          outcome->value = m->better == CASEBOOK_BETTER_LOWER ? -change : change;
          outcome->unit = CASEBOOK_UNIT_PERCENT_CHANGE;
          outcome->better = m->better;
          if (m->better == CASEBOOK_BETTER_LOWER)
            {
              zh = g_strdup_printf ("%s降低%d%%", m->zh, change);
              en = g_strdup_printf ("%s fell by %d%%", m->en, change);
            }
          else
            {
              zh = g_strdup_printf ("%s提升%d%%", m->zh, change);
              en = g_strdup_printf ("%s rose by %d%%", m->en, change);
            }
        }
      else
        {
          double times = g_rand_int_range (gen->rand, 15, 200) / 10.0;

          outcome->has_value = TRUE;
          outcome->value = times;
          outcome->unit = CASEBOOK_UNIT_TIMES;
          outcome->better = m->better;
          zh = g_strdup_printf ("%s提升%g倍", m->zh, times);
          en = g_strdup_printf ("%s improved %g×", m->en, times);
        }

      outcome->text = casebook_text_new (zh, en);
      g_ptr_array_add (casebook_case_get_outcomes (c), outcome);
    }
}

static CasebookCase *
generate_case (Generator *gen,
               guint      index)
{
  GRand *rand = gen->rand;
  g_autofree char *id = g_strdup_printf ("bench-%06u", index + 1);
  CasebookCase *c = casebook_case_new (id);
  const SectorInfo *sector = pick_sector (rand);
  guint variant = (guint) g_rand_int_range (rand, 0, 3);
  guint scale = (guint) g_rand_int_range (rand, 0, G_N_ELEMENTS (zh_scales));
  CasebookSize size = (CasebookSize) g_rand_int_range (rand, CASEBOOK_SIZE_SMALL, CASEBOOK_SIZE_LARGE + 1);
  int start_year = g_rand_int_range (rand, 2015, 2026);
  CasebookSource *source;
  g_autoptr(GString) zh = g_string_new (NULL);
  g_autoptr(GString) en = g_string_new (NULL);

  casebook_case_set_kind (c, chance (rand, 0.15) ? CASEBOOK_KIND_FAILURE : CASEBOOK_KIND_SUCCESS);
  casebook_case_set_sector (c, sector->key);
  if (gen->variants == 0)
    casebook_case_take_subsector (c, casebook_text_new (sector->sub_zh[variant], sector->sub_en[variant]));
  else
    {
      guint v = (guint) g_rand_int_range (gen->variant_rand, 1, (gint32) gen->variants + 1);
      g_autofree char *sub_zh = g_strdup_printf ("%s %u", sector->sub_zh[variant], v);
      g_autofree char *sub_en = g_strdup_printf ("%s %u", sector->sub_en[variant], v);

      casebook_case_take_subsector (c, casebook_text_new (sub_zh, sub_en));
    }

  /* 某大型银行容器平台迁移实践 / Container platform migration at a large bank */
  g_string_append_printf (zh, "%s%s", zh_scales[scale], sector->org_zh[variant]);
  for (guint i = 0, n = (guint) g_rand_int_range (rand, 2, 4); i < n; i++)
    g_string_append (zh, pool_zipf (&gen->zh, rand));
  g_string_append (zh, PICK (rand, zh_title_suffixes));
  for (guint i = 0, n = (guint) g_rand_int_range (rand, 1, 3); i < n; i++)
    {
      if (i == 0)
        append_capitalized (en, pool_zipf (&gen->en, rand));
      else
        g_string_append_printf (en, " %s", pool_zipf (&gen->en, rand));
    }
  g_string_append_printf (en, " %s at a %s %s", PICK (rand, en_title_suffixes),
                          en_scales[scale], sector->org_en[variant]);
  casebook_case_take_title (c, casebook_text_new (zh->str, en->str));

  g_string_printf (zh, "某%s%s，%s", zh_scales[scale], sector->org_zh[variant],
                   pool_zipf (&gen->zh, rand));
  g_string_printf (en, "A %s %s", en_scales[scale], sector->org_en[variant]);
  casebook_case_take_organization (c, casebook_text_new (zh->str, en->str));

  casebook_case_set_size (c, size);
  if (chance (rand, 0.9))
    {
      gint64 employees = size == CASEBOOK_SIZE_SMALL ? g_rand_int_range (rand, 20, 1000)
                       : size == CASEBOOK_SIZE_MEDIUM ? g_rand_int_range (rand, 1000, 10000)
                       : g_rand_int_range (rand, 10000, 300000);
      CasebookQualifier qualifier = chance (rand, 0.7) ? CASEBOOK_QUALIFIER_EXACT
                                    : (CasebookQualifier) g_rand_int_range (rand, 1, 4);

      casebook_case_set_employees (c, employees, qualifier);
    }
  if (chance (rand, 0.9))
    casebook_case_set_period (c, start_year, MIN (start_year + g_rand_int_range (rand, 0, 4), 2026));
  casebook_case_set_approach (c, (CasebookApproach) g_rand_int_range (rand, CASEBOOK_APPROACH_NONE,
                                                                      CASEBOOK_APPROACH_HYBRID + 1));

  add_phrases (gen, casebook_case_get_scenarios (c), 1, 3, 2, 4);
  add_phrases (gen, casebook_case_get_requirements (c), 2, 4, 1, 3);
  add_stack (gen, c);
  add_phases (gen, c, start_year);
  add_challenges (gen, c);
  add_outcomes (gen, c);
  add_phrases (gen, casebook_case_get_lessons (c), 1, 3, 4, 10);

  if (casebook_case_get_kind (c) == CASEBOOK_KIND_FAILURE)
    {
      CasebookFailure *failure = casebook_failure_new ();

      failure->problem = phrase_text (gen, 4, 9);
      failure->result = phrase_text (gen, 3, 7);
      add_phrases (gen, failure->causes, 1, 3, 3, 7);
      casebook_case_take_failure (c, failure);
    }

  if (chance (rand, 0.1))
    {
      CasebookNote *note = casebook_note_new ();

      note->field = g_strdup ("size");
      note->text = casebook_text_new ("规模为根据员工数估算", "Size estimated from the headcount");
      g_ptr_array_add (casebook_case_get_notes (c), note);
    }

  source = casebook_source_new ();
  g_string_printf (zh, "%d年%s行业%s%s调研报告", start_year, sector->zh,
                   pool_zipf (&gen->zh, rand), pool_zipf (&gen->zh, rand));
  g_string_printf (en, "%s %s survey, %d", sector->en, pool_zipf (&gen->en, rand), start_year);
  source->title = casebook_text_new (zh->str, en->str);
  source->section = g_strdup_printf ("%d.%d", g_rand_int_range (rand, 2, 6), g_rand_int_range (rand, 1, 10));
  if (chance (rand, 0.5))
    source->url = g_strdup_printf ("https://example.org/reports/%s", id);
  source->date = chance (rand, 0.5)
                 ? g_strdup_printf ("%d-%02d-%02d", MIN (start_year + 1, 2026),
                                    g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29))
                 : g_strdup_printf ("%d", MIN (start_year + 1, 2026));
  casebook_case_take_source (c, source);

  return c;
}

/* A collection with the document's title and extra sectors, and no cases
 * yet. */
static CasebookDocument *
new_document (void)
{
  CasebookDocument *doc = casebook_document_new ();

  casebook_document_take_title (doc, casebook_text_new ("合成基准案例集", "Synthetic benchmark collection"));
  for (guint i = N_BUILTIN_SECTORS; i < G_N_ELEMENTS (sectors); i++)
    {
      CasebookSector *sector = casebook_sector_new ();

      sector->key = g_strdup (sectors[i].key);
      sector->name = casebook_text_new (sectors[i].zh, sectors[i].en);
      g_ptr_array_add (casebook_document_get_sectors (doc), sector);
    }

  return doc;
}

/* Finds the array of the top-level member "cases" in JSON @text: @open is
 * set just after its '[', @close to its ']'. Strings are skipped, so no
 * text inside a case can be mistaken for structure. */
static gboolean
find_cases_array (const char  *text,
                  const char **open,
                  const char **close)
{
  const char *p = text;
  const char *array = NULL;
  int array_depth = 0;
  int depth = 0;

  while (*p != '\0')
    {
      if (*p == '"')
        {
          const char *s = ++p;
          const char *q;

          while (*p != '\0' && *p != '"')
            p += (*p == '\\' && p[1] != '\0') ? 2 : 1;
          if (*p == '\0')
            return FALSE;
          q = ++p;

          if (depth == 1 && array == NULL && p - s - 1 == 5 && memcmp (s, "cases", 5) == 0)
            {
              while (g_ascii_isspace (*q))
                q++;
              if (*q == ':')
                {
                  q++;
                  while (g_ascii_isspace (*q))
                    q++;
                  if (*q == '[')
                    {
                      array = q + 1;
                      array_depth = ++depth;
                      p = q + 1;
                    }
                }
            }
          continue;
        }

      if (*p == '{' || *p == '[')
        depth++;
      else if (*p == '}' || *p == ']')
        {
          if (array != NULL && *p == ']' && depth == array_depth)
            {
              *open = array;
              *close = p;
              return TRUE;
            }
          depth--;
        }
      p++;
    }

  return FALSE;
}

#define CASES_PER_CHUNK 1000

/* Writes @n_cases cases as one interchange document. The core's own
 * writer serializes them, a chunk of cases at a time so that generating
 * does not hold the whole collection in memory; the chunks' "cases" arrays
 * are joined, so the file is what casebook_json_write_document() would
 * write for the whole collection. */
static gboolean
write_document (const char  *path,
                guint        n_cases,
                guint        variants,
                GError     **error)
{
  g_autofree char *closing = NULL;
  Generator gen = { g_rand_new_with_seed (SEED) };
  gboolean ok = TRUE;
  FILE *file;

  file = g_fopen (path, "wb");
  if (file == NULL)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Could not write %s: %s", path, g_strerror (saved));
      return FALSE;
    }

  pool_init (&gen.zh, zh_words, G_N_ELEMENTS (zh_words));
  pool_init (&gen.en, en_words, G_N_ELEMENTS (en_words));
  gen.variants = variants;
  gen.variant_rand = g_rand_new_with_seed (VARIANT_SEED);

  for (guint first = 0; ok && first < n_cases; first += CASES_PER_CHUNK)
    {
      g_autoptr(CasebookDocument) doc = new_document ();
      g_autofree char *text = NULL;
      const char *open, *close, *body_end;
      gsize length = 0;

      for (guint i = first; i < n_cases && i < first + CASES_PER_CHUNK; i++)
        g_ptr_array_add (casebook_document_get_cases (doc), generate_case (&gen, i));

      text = casebook_json_write_document (doc, &length);
      if (!find_cases_array (text, &open, &close))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "The document writer wrote no “cases” array the benchmark can join");
          ok = FALSE;
          break;
        }

      /* Elements are separated by a comma and the whitespace that also
       * comes before the first one; what follows the last one, up to the
       * end of the document, closes the whole file. */
      body_end = close;
      while (body_end > open && g_ascii_isspace (body_end[-1]))
        body_end--;

      if (first == 0)
        fwrite (text, 1, open - text, file);
      else
        fputc (',', file);
      fwrite (open, 1, body_end - open, file);

      g_free (closing);
      closing = g_strndup (body_end, text + length - body_end);
    }

  if (ok)
    fputs (closing, file);

  if (ferror (file))
    ok = FALSE;
  if (fclose (file) != 0)
    ok = FALSE;
  if (!ok && (error == NULL || *error == NULL))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not write %s", path);

  pool_clear (&gen.zh);
  pool_clear (&gen.en);
  g_rand_free (gen.rand);
  g_rand_free (gen.variant_rand);

  return ok;
}

/* Measuring ------------------------------------------------------------ */

static double
elapsed_ms (gint64 since)
{
  return (g_get_monotonic_time () - since) / 1000.0;
}

static void
report (const char *name,
        double      value,
        int         decimals,
        const char *unit)
{
  printf ("%s: %.*f %s\n", name, decimals, value, unit);
  fflush (stdout);
}

static void
report_count (const char *name,
              guint64     value,
              const char *unit)
{
  printf ("%s: %" G_GUINT64_FORMAT " %s\n", name, value, unit);
  fflush (stdout);
}

static void
report_target (const char *name,
               gboolean    met)
{
  printf ("target_%s: %s\n", name, met ? "ok" : "MISSED");
  fflush (stdout);
}

static void
progress (const char *message)
{
  fprintf (stderr, "casebook-bench: %s\n", message);
}

/* What to delete when the benchmark stops early. */
static char *cleanup_dir;
static char *cleanup_json;
static char *cleanup_db;

static void remove_store_files (const char *db_path);

static void
clean_up (void)
{
  if (cleanup_dir == NULL)
    return;

  remove_store_files (cleanup_db);
  g_remove (cleanup_json);
  if (g_rmdir (cleanup_dir) != 0)
    fprintf (stderr, "casebook-bench: could not remove %s: %s\n", cleanup_dir, g_strerror (errno));
  g_clear_pointer (&cleanup_dir, g_free);
}

G_GNUC_PRINTF (1, 2) G_GNUC_NORETURN
static void
fail (const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "casebook-bench: %s\n", message);
  clean_up ();
  exit (1);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The nearest-rank percentile of @samples, which it sorts. */
static double
percentile (GArray *samples,
            double  p)
{
  guint rank;

  g_return_val_if_fail (samples->len > 0, 0);

  g_array_sort (samples, compare_doubles);
  rank = (guint) ceil (p / 100.0 * samples->len);
  rank = CLAMP (rank, 1, samples->len);

  return g_array_index (samples, double, rank - 1);
}

static guint64
file_size (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return 0;
  return (guint64) st.st_size;
}

static guint64
store_size (const char *db_path)
{
  g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);

  return file_size (db_path) + file_size (wal);
}

static guint64
peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;

  line = strstr (status, "VmHWM:");
  if (line == NULL)
    return 0;

  return g_ascii_strtoull (line + strlen ("VmHWM:"), NULL, 10);
}

/* Starts VmHWM again from the memory the process holds now (Linux 4.0 and
 * later), so that the peak of one step can be read on its own. Returns
 * FALSE where the kernel does not allow it. */
static gboolean
reset_peak_rss (void)
{
  FILE *file = fopen ("/proc/self/clear_refs", "w");
  gboolean ok;

  /* Not g_file_set_contents(): it would write a new file and rename it. */
  if (file == NULL)
    return FALSE;
  ok = fputs ("5", file) >= 0;
  return fclose (file) == 0 && ok;
}

/* Search queries, drawn from the same pools as the texts. */
typedef enum
{
  QUERY_ZH1,
  QUERY_ZH2,
  QUERY_ZH4,
  QUERY_EN_WORD,
  QUERY_EN_PREFIX,
  N_QUERY_CLASSES
} QueryClass;

static const char * const query_class_names[N_QUERY_CLASSES] = {
  "zh1", "zh2", "zh4", "en_word", "en_prefix",
};

static char *
make_query (QueryClass  klass,
            const Pool *zh,
            const Pool *en,
            GRand      *rand)
{
  switch (klass)
    {
    case QUERY_ZH1:
      {
        const char *word = pool_uniform (zh, rand);
        glong k = g_rand_int_range (rand, 0, 2);

        return g_utf8_substring (word, k, k + 1);
      }

    case QUERY_ZH2:
      return g_strdup (pool_uniform (zh, rand));

    case QUERY_ZH4:
      {
        const char *first = pool_uniform (zh, rand);
        const char *second;

        do
          second = pool_uniform (zh, rand);
        while (second == first);

        return g_strconcat (first, second, NULL);
      }

    case QUERY_EN_WORD:
      return g_strdup (pool_uniform (en, rand));

    case QUERY_EN_PREFIX:
      {
        const char *word;

        do
          word = pool_uniform (en, rand);
        while (strlen (word) < 5);

        return g_strndup (word, g_rand_int_range (rand, 3, 5));
      }

    case N_QUERY_CLASSES:
    default:
      break;
    }

  g_assert_not_reached ();
  return NULL;
}

static double
time_search (CasebookStore *store,
             const char    *query,
             guint         *n_results)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 start = g_get_monotonic_time ();
  double ms;

  rows = casebook_store_search (store, query, SEARCH_LIMIT, &error);
  ms = elapsed_ms (start);

  if (rows == NULL)
    fail ("Search for “%s” failed: %s", query, error->message);
  if (n_results != NULL)
    *n_results = rows->len;

  return ms;
}

/* Pasted text: long queries of common words (Zipf weights, so most of
 * them match many cases), Chinese and English in turn. The query builder
 * bounds what FTS5 is asked for; these show that the time stays bounded
 * too, however long the query. */
static void
bench_long_search (CasebookStore *store,
                   const Pool    *zh,
                   const Pool    *en,
                   GRand         *rand)
{
  static const struct {
    const char *name;
    guint       n_words;
    glong       n_chars;
  } kinds[] = {
    { "search_long_600_words", 600, G_MAXLONG },
    { "search_long_4000_chars", G_MAXUINT, 4000 },
  };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
      g_autofree char *p50_name = g_strdup_printf ("%s_p50", kinds[k].name);
      g_autofree char *max_name = g_strdup_printf ("%s_max", kinds[k].name);

      for (guint i = 0; i < LONG_QUERIES; i++)
        {
          g_autoptr(GString) query = g_string_new (NULL);
          double ms;

          for (guint w = 0; w < kinds[k].n_words; w++)
            {
              const char *word = w % 2 == 0 ? pool_zipf (zh, rand) : pool_zipf (en, rand);

              if (g_utf8_strlen (query->str, -1) + 1 + g_utf8_strlen (word, -1) > kinds[k].n_chars)
                break;
              if (query->len > 0)
                g_string_append_c (query, ' ');
              g_string_append (query, word);
            }

          ms = time_search (store, query->str, NULL);
          g_array_append_val (samples, ms);
        }

      report (p50_name, percentile (samples, 50), 2, "ms");
      report (max_name, percentile (samples, 100), 2, "ms");
    }
}

/* Searches ~200 queries of each class, and reports p50 and p95. */
static void
bench_search (CasebookStore *store,
              double         p95s[N_QUERY_CLASSES])
{
  GRand *rand = g_rand_new_with_seed (QUERY_SEED);
  Pool zh, en;

  pool_init (&zh, zh_words, G_N_ELEMENTS (zh_words));
  pool_init (&en, en_words, G_N_ELEMENTS (en_words));

  /* Prepare the statement and warm the page cache. */
  for (guint i = 0; i < WARMUP_QUERIES; i++)
    {
      g_autofree char *query = make_query (i % N_QUERY_CLASSES, &zh, &en, rand);

      time_search (store, query, NULL);
    }

  for (guint k = 0; k < N_QUERY_CLASSES; k++)
    {
      g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
      g_autofree char *p50_name = g_strdup_printf ("search_%s_p50", query_class_names[k]);
      g_autofree char *p95_name = g_strdup_printf ("search_%s_p95", query_class_names[k]);
      g_autofree char *hits_name = g_strdup_printf ("search_%s_results", query_class_names[k]);
      guint64 total_hits = 0;

      for (guint i = 0; i < QUERIES_PER_CLASS; i++)
        {
          g_autofree char *query = make_query (k, &zh, &en, rand);
          guint n = 0;
          double ms = time_search (store, query, &n);

          g_array_append_val (samples, ms);
          total_hits += n;
        }

      report (p50_name, percentile (samples, 50), 2, "ms");
      p95s[k] = percentile (samples, 95);
      report (p95_name, p95s[k], 2, "ms");
      report (hits_name, (double) total_hits / QUERIES_PER_CLASS, 1, "rows");
    }

  bench_long_search (store, &zh, &en, rand);

  pool_clear (&zh);
  pool_clear (&en);
  g_rand_free (rand);
}

/* A fresh list, and the rows a window shows first. */
static double
time_first_page (CasebookStore *store,
                 CasebookLang   lang)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(CasebookCaseList) list = casebook_case_list_new (store, NULL, lang);
  double ms;

  for (guint i = 0; i < PAGE_ITEMS; i++)
    {
      g_autoptr(CasebookCaseSummary) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (item == NULL && i < g_list_model_get_n_items (G_LIST_MODEL (list)))
        fail ("The case list returned no row at position %u", i);
    }
  ms = elapsed_ms (start);

  return ms;
}

/* A fresh list that jumps to its end, as dragging the scroll bar down does. */
static double
time_deep_page (CasebookStore *store,
                CasebookLang   lang)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(CasebookCaseList) list = casebook_case_list_new (store, NULL, lang);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_autoptr(CasebookCaseSummary) last = NULL;
  double ms;

  if (n == 0)
    return 0;

  last = g_list_model_get_item (G_LIST_MODEL (list), n - 1);
  if (last == NULL)
    fail ("The case list returned no row at its end (%u)", n - 1);

  for (guint i = n > PAGE_ITEMS ? n - PAGE_ITEMS : 0; i < n; i++)
    {
      g_autoptr(CasebookCaseSummary) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (item == NULL)
        fail ("The case list returned no row at position %u", i);
    }
  ms = elapsed_ms (start);

  return ms;
}

static double
median_of (CasebookStore *store,
           CasebookLang   lang,
           double       (*measure) (CasebookStore *, CasebookLang),
           guint          repeats)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < repeats; i++)
    {
      double ms = measure (store, lang);

      g_array_append_val (samples, ms);
    }

  return percentile (samples, 50);
}

static void
remove_store_files (const char *db_path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (db_path, suffixes[i], NULL);

      g_remove (path);
    }
}

/* Charts ------------------------------------------------------------------ */

#define CHART_VALUES          100000
#define CHART_REPEATS         20
#define CHART_WIDTH           1200
#define TARGET_CHART_REDRAW   16.0

/* A redraw of the Compare chart with 100,000 values in view, as when the
 * window is resized: the layout at the new width (which maps every value
 * and bins the rows that have more values than pixels) and the drawing,
 * into an image surface the size of a large window. The values are made
 * here rather than read from the store, so that the figure is the same
 * whatever -n is: the store is only read when the filter changes, and
 * chart_stats measures that. */
static double
bench_chart_redraw (void)
{
  g_autoptr(CasebookStats) stats = casebook_stats_new ("cost", NULL);
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(CasebookCompareLayout) probe = NULL;
  GRand *rand = g_rand_new_with_seed (SEED);
  CasebookRenderTheme theme;
  cairo_surface_t *surface;

  for (guint i = 0; i < G_N_ELEMENTS (sectors); i++)
    {
      CasebookSector sector = { (char *) sectors[i].key, NULL, NULL };

      casebook_stats_add_sector (stats, &sector);
    }

  for (guint i = 0; i < CHART_VALUES; i++)
    {
      g_autofree char *id = g_strdup_printf ("bench-%06u", i + 1);
      CasebookOutcomeRow row = { 0 };

      row.case_id = id;
      row.sector = pick_sector (rand)->key;
      row.has_value = TRUE;
      row.value = -g_rand_int_range (rand, 5, 80);
      row.unit = CASEBOOK_UNIT_PERCENT_CHANGE;
      row.better = CASEBOOK_BETTER_LOWER;
      casebook_stats_add_outcome (stats, &row);
    }
  casebook_stats_finish (stats);
  g_rand_free (rand);

  casebook_render_theme_init_default (&theme);
  theme.font_size = 14.667;
  probe = casebook_compare_layout_new (stats, CHART_WIDTH, CASEBOOK_LANG_ZH, &theme, NULL);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, CHART_WIDTH,
                                        (int) casebook_compare_layout_get_height (probe));

  for (guint i = 0; i < CHART_REPEATS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(CasebookCompareLayout) layout = casebook_compare_layout_new (stats, CHART_WIDTH, CASEBOOK_LANG_ZH,
                                                                             &theme, NULL);
      cairo_t *cr = cairo_create (surface);
      double ms;

      casebook_render_compare_layout (cr, layout, NULL);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      ms = elapsed_ms (start);
      g_array_append_val (samples, ms);
    }

  cairo_surface_destroy (surface);
  return percentile (samples, 50);
}

/* Reading the numbers of one family among all the cases of the store, on
 * the worker thread of the Compare page. */
static double
bench_chart_stats (CasebookStore *store)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      g_autoptr(CasebookStats) stats = casebook_stats_load (store, NULL, "cost", &error);
      double ms = elapsed_ms (start);

      if (stats == NULL)
        fail ("Could not read the chart's numbers: %s", error->message);
      g_array_append_val (samples, ms);
    }

  return percentile (samples, 50);
}

/* Print and PDF ---------------------------------------------------------- */

#define PDF_ONE_REPEATS     10
#define PDF_ALL_REPEATS     3
#define TARGET_PDF_ONE_CASE 100.0
#define TARGET_PDF_ALL_SEED 2000.0

/* Writes bundled cases as a PDF, as Save as PDF does: a new report each
 * time, read from the store, with its own fonts to load, laid out and
 * written in full. One id
 * gives a case's summary, none the collection of all of them. */
static double
time_pdf (CasebookStore *store,
          const char    *only_id,
          CasebookLang   lang,
          const char    *path,
          guint         *n_pages)
{
  g_autoptr(CasebookRenderReport) report = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  const char *ids[] = { only_id, NULL };
  gint64 start = g_get_monotonic_time ();
  double ms;

  report = casebook_render_report_load (store, ids,
                                        only_id != NULL ? CASEBOOK_RENDER_REPORT_SUMMARY
                                                        : CASEBOOK_RENDER_REPORT_COLLECTION,
                                        lang, NULL, &error);
  if (report == NULL)
    fail ("Could not put the report together: %s", error->message);

  if (!casebook_render_report_write_pdf (report, file, CASEBOOK_RENDER_A4_WIDTH, CASEBOOK_RENDER_A4_HEIGHT,
                                         NULL, NULL, NULL, &error))
    fail ("Could not write the PDF: %s", error->message);
  ms = elapsed_ms (start);

  *n_pages = casebook_render_report_get_n_pages (report);
  g_remove (path);

  return ms;
}

static double
median_pdf (CasebookStore *store,
            const char    *only_id,
            CasebookLang   lang,
            const char    *path,
            guint          repeats,
            guint         *n_pages)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < repeats; i++)
    {
      double ms = time_pdf (store, only_id, lang, path, n_pages);

      g_array_append_val (samples, ms);
    }

  return percentile (samples, 50);
}

/* The summary of one case (report-2.1) and the collection of all 14
 * bundled cases, in both languages; the slower language counts. */
static void
bench_pdf (const char *dir,
           double     *one_ms,
           double     *all_ms)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = g_build_filename (dir, "pdf.db", NULL);
  g_autoptr(CasebookStore) store = casebook_store_open (db_path, CASEBOOK_STORE_FLAGS_NONE, &error);
  g_autofree char *path = g_build_filename (dir, "bench.pdf", NULL);
  double cold, one_en, one_zh, all_en, all_zh;
  guint pages = 0, all_pages_en = 0, all_pages_zh = 0;

  if (store == NULL)
    fail ("%s", error->message);

  cold = time_pdf (store, "report-2.1", CASEBOOK_LANG_ZH, path, &pages);
  one_en = median_pdf (store, "report-2.1", CASEBOOK_LANG_EN, path, PDF_ONE_REPEATS, &pages);
  one_zh = median_pdf (store, "report-2.1", CASEBOOK_LANG_ZH, path, PDF_ONE_REPEATS, &pages);
  all_en = median_pdf (store, NULL, CASEBOOK_LANG_EN, path, PDF_ALL_REPEATS, &all_pages_en);
  all_zh = median_pdf (store, NULL, CASEBOOK_LANG_ZH, path, PDF_ALL_REPEATS, &all_pages_zh);

  *one_ms = MAX (one_en, one_zh);
  *all_ms = MAX (all_en, all_zh);

  report ("pdf_one_case_cold", cold, 1, "ms");
  report ("pdf_one_case_en", one_en, 1, "ms");
  report ("pdf_one_case_zh", one_zh, 1, "ms");
  report ("pdf_one_case", *one_ms, 1, "ms");
  report ("pdf_all_seed_en", all_en, 1, "ms");
  report ("pdf_all_seed_zh", all_zh, 1, "ms");
  report ("pdf_all_seed", *all_ms, 1, "ms");
  report_count ("pdf_all_seed_pages", MAX (all_pages_en, all_pages_zh), "pages");
  report ("pdf_ms_per_page", MAX (all_en / MAX (all_pages_en, 1), all_zh / MAX (all_pages_zh, 1)), 2, "ms");
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *keep = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *json_path = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *data = NULL;
  g_autoptr(CasebookDocument) document = NULL;
  g_autoptr(CasebookStore) store = NULL;
  CasebookImportResult counts = { 0 };
  gint n_cases = DEFAULT_N_CASES;
  gint variants = 0;
  gboolean can_reset_peak = FALSE;
  guint64 rss_before_import = 0;
  gboolean generate_only = FALSE;
  gsize length = 0;
  gint64 start;
  double generate_ms, parse_ms, parse_free_ms, syntax_ms, read_ms, import_ms, total_ms, ratio;
  double open_ms, first_cold_ms, first_zh, first_en, first_ms, deep_zh, deep_en;
  double search_p95[N_QUERY_CLASSES];
  double pdf_one_ms, pdf_all_ms;
  double chart_redraw_ms;
  GOptionEntry entries[] = {
    { "cases", 'n', 0, G_OPTION_ARG_INT, &n_cases, "How many cases to generate (default 100000)", "N" },
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep, "Work in DIR and keep the files there", "DIR" },
    { "facet-variants", 0, 0, G_OPTION_ARG_INT, &variants,
      "Give every sub-sector and product name one of N numbered variants (many distinct facet values)", "N" },
    { "generate-only", 0, 0, G_OPTION_ARG_NONE, &generate_only,
      "Write DIR/bench.json and stop (needs --keep)", NULL },
    { NULL }
  };

  context = g_option_context_new ("— measure import, search and listing on a large collection");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "casebook-bench: %s\n", error->message);
      return 2;
    }
  if (n_cases < 1)
    {
      fprintf (stderr, "casebook-bench: -n needs a positive number of cases\n");
      return 2;
    }
  if (variants < 0)
    {
      fprintf (stderr, "casebook-bench: --facet-variants needs a number of variants, 0 or more\n");
      return 2;
    }
  if (generate_only && keep == NULL)
    {
      fprintf (stderr, "casebook-bench: --generate-only needs --keep DIR, or the file would be deleted\n");
      return 2;
    }

  if (keep != NULL)
    {
      if (g_mkdir_with_parents (keep, 0700) != 0)
        {
          int saved = errno;

          fprintf (stderr, "casebook-bench: could not create %s: %s\n", keep, g_strerror (saved));
          return 1;
        }
      dir = g_strdup (keep);
    }
  else
    {
      dir = g_dir_make_tmp ("casebook-bench-XXXXXX", &error);
      if (dir == NULL)
        {
          fprintf (stderr, "casebook-bench: %s\n", error->message);
          return 1;
        }
    }

  json_path = g_build_filename (dir, "bench.json", NULL);
  db_path = g_build_filename (dir, "bench.db", NULL);
  remove_store_files (db_path);
  if (keep == NULL)
    {
      cleanup_dir = g_strdup (dir);
      cleanup_json = g_strdup (json_path);
      cleanup_db = g_strdup (db_path);
    }

  /* Generate ------------------------------------------------------------ */

  progress ("generating the cases");
  start = g_get_monotonic_time ();
  if (!write_document (json_path, (guint) n_cases, (guint) variants, &error))
    fail ("%s", error->message);
  generate_ms = elapsed_ms (start);

  if (generate_only)
    {
      report_count ("cases", (guint64) n_cases, "count");
      report_count ("json_bytes", file_size (json_path), "bytes");
      report ("generate", generate_ms, 1, "ms");
      return 0;
    }

  if (!g_file_get_contents (json_path, &data, &length, &error))
    fail ("%s", error->message);

  report_count ("cases", (guint64) n_cases, "count");
  report_count ("json_bytes", length, "bytes");
  report ("generate", generate_ms, 1, "ms");

  /* Read ------------------------------------------------------------------ */

  /* The baseline: json-glib alone, as the core calls it. The first run
   * also pays for faulting in fresh memory, so the faster of two runs
   * counts; a slow baseline would flatter the ratio. */
  progress ("parsing with json-glib alone");
  parse_ms = G_MAXDOUBLE;
  parse_free_ms = G_MAXDOUBLE;
  for (guint i = 0; i < PARSE_REPEATS; i++)
    {
      JsonParser *parser = json_parser_new_immutable ();
      double ms;

      start = g_get_monotonic_time ();
      if (!json_parser_load_from_data (parser, data, (gssize) length, &error))
        fail ("json-glib could not parse the generated file: %s", error->message);
      ms = elapsed_ms (start);
      parse_ms = MIN (parse_ms, ms);

      start = g_get_monotonic_time ();
      g_object_unref (parser);
      ms = elapsed_ms (start);
      parse_free_ms = MIN (parse_free_ms, ms);
    }
  report ("parse_only", parse_ms, 1, "ms");
  report ("parse_free", parse_free_ms, 1, "ms");

  start = g_get_monotonic_time ();
  if (!casebook_json_check_syntax (data, length, "bench.json", &error))
    fail ("%s", error->message);
  syntax_ms = elapsed_ms (start);
  report ("syntax_check", syntax_ms, 1, "ms");

  /* Measured like the baseline: the faster of two runs. The document of
   * the last run is the one imported. */
  progress ("reading the document");
  read_ms = G_MAXDOUBLE;
  for (guint i = 0; i < PARSE_REPEATS; i++)
    {
      double ms;

      g_clear_object (&document);
      start = g_get_monotonic_time ();
      document = casebook_json_read_document (data, length, "bench.json", &error);
      ms = elapsed_ms (start);
      if (document == NULL)
        fail ("The generated document is not valid: %s", error->message);
      read_ms = MIN (read_ms, ms);
    }
  if (casebook_document_get_cases (document)->len != (guint) n_cases)
    fail ("The document holds %u cases, not %d", casebook_document_get_cases (document)->len, n_cases);
  report ("read_document", read_ms, 1, "ms");
  g_clear_pointer (&data, g_free);

  /* Import ---------------------------------------------------------------- */

  store = casebook_store_open (db_path, CASEBOOK_STORE_NO_BUNDLED, &error);
  if (store == NULL)
    fail ("%s", error->message);

  progress ("importing");
  start = g_get_monotonic_time ();
  if (!casebook_store_import (store, document, CASEBOOK_IMPORT_SKIP, &counts, &error))
    fail ("The import failed: %s", error->message);
  import_ms = elapsed_ms (start);
  if (counts.added != (guint) n_cases)
    fail ("The import added %u cases, not %d", counts.added, n_cases);
  g_clear_object (&document);
  report ("store_import", import_ms, 1, "ms");
  report ("import_two_step", read_ms + import_ms, 1, "ms");

  /* The way --import runs: the file read, checked and written in one go,
   * each case checked on a second thread while the one before is written.
   * Into a fresh store, like the two-step import above. */
  g_clear_object (&store);
  remove_store_files (db_path);
  store = casebook_store_open (db_path, CASEBOOK_STORE_NO_BUNDLED, &error);
  if (store == NULL)
    fail ("%s", error->message);
  {
    g_autoptr(GFile) json_file = g_file_new_for_path (json_path);

    can_reset_peak = reset_peak_rss ();
    rss_before_import = peak_rss_kib ();
    start = g_get_monotonic_time ();
    if (!casebook_store_import_file (store, json_file, CASEBOOK_IMPORT_SKIP, &counts, &error))
      fail ("The import failed: %s", error->message);
    total_ms = elapsed_ms (start);
    if (counts.added != (guint) n_cases)
      fail ("The import added %u cases, not %d", counts.added, n_cases);
  }

  ratio = total_ms / MAX (parse_ms, 0.001);
  report ("import_total", total_ms, 1, "ms");
  report ("import_rate", n_cases / (total_ms / 1000.0), 0, "cases/s");
  report ("import_to_parse_ratio", ratio, 2, "x");
  report_count ("store_bytes", store_size (db_path), "bytes");
  if (can_reset_peak)
    {
      guint64 peak = peak_rss_kib ();
      guint64 growth = peak - MIN (peak, rss_before_import);

      /* The process still holds memory of the steps before (the heap
       * glibc keeps); what the import adds is the comparable figure. The
       * whole-process peak of `casebook --import` is measured by
       * casebook-bench-window. */
      report_count ("import_peak_rss", peak, "KiB");
      report_count ("import_peak_rss_growth", growth, "KiB");
      report ("import_growth_to_file_ratio", growth * 1024.0 / (double) MAX (length, 1), 2, "x");
    }

  /* Reopen, as the app does when it starts ---------------------------------- */

  g_clear_object (&store);
  report_count ("store_bytes_closed", store_size (db_path), "bytes");
  report ("store_to_file_ratio", store_size (db_path) / (double) MAX (length, 1), 2, "x");

  start = g_get_monotonic_time ();
  store = casebook_store_open (db_path, CASEBOOK_STORE_NO_BUNDLED, &error);
  open_ms = elapsed_ms (start);
  if (store == NULL)
    fail ("%s", error->message);
  report ("store_open", open_ms, 1, "ms");

  /* List ------------------------------------------------------------------ */

  progress ("listing");
  first_cold_ms = time_first_page (store, CASEBOOK_LANG_ZH);
  first_zh = median_of (store, CASEBOOK_LANG_ZH, time_first_page, FIRST_PAGE_REPEATS);
  first_en = median_of (store, CASEBOOK_LANG_EN, time_first_page, FIRST_PAGE_REPEATS);
  first_ms = MAX (first_zh, first_en);
  report ("first_page_cold", first_cold_ms, 2, "ms");
  report ("first_page_zh", first_zh, 2, "ms");
  report ("first_page_en", first_en, 2, "ms");
  report ("first_page", first_ms, 2, "ms");

  deep_zh = median_of (store, CASEBOOK_LANG_ZH, time_deep_page, DEEP_PAGE_REPEATS);
  deep_en = median_of (store, CASEBOOK_LANG_EN, time_deep_page, DEEP_PAGE_REPEATS);
  report ("deep_page_zh", deep_zh, 2, "ms");
  report ("deep_page_en", deep_en, 2, "ms");
  report ("deep_page", MAX (deep_zh, deep_en), 2, "ms");

  /* Search ---------------------------------------------------------------- */

  progress ("searching");
  bench_search (store, search_p95);

  /* Print and PDF ----------------------------------------------------------- */

  progress ("writing PDFs of the bundled cases");
  bench_pdf (dir, &pdf_one_ms, &pdf_all_ms);

  /* Charts ------------------------------------------------------------------ */

  progress ("drawing the Compare chart");
  report ("chart_stats", bench_chart_stats (store), 1, "ms");
  chart_redraw_ms = bench_chart_redraw ();
  report ("chart_redraw_100k", chart_redraw_ms, 2, "ms");

  report_count ("peak_rss", peak_rss_kib (), "KiB");

  /* Targets --------------------------------------------------------------- */

  report_target ("import_to_parse_ratio", ratio <= TARGET_IMPORT_RATIO);
  for (guint k = 0; k < N_QUERY_CLASSES; k++)
    {
      g_autofree char *name = g_strdup_printf ("search_%s_p95", query_class_names[k]);

      report_target (name, search_p95[k] < TARGET_SEARCH_P95);
    }
  report_target ("first_page", first_ms < TARGET_FIRST_PAGE);
  report_target ("pdf_one_case", pdf_one_ms < TARGET_PDF_ONE_CASE);
  report_target ("pdf_all_seed", pdf_all_ms < TARGET_PDF_ALL_SEED);
  report_target ("chart_redraw_100k", chart_redraw_ms < TARGET_CHART_REDRAW);

  g_clear_object (&store);

  if (keep == NULL)
    clean_up ();
  else
    progress ("the files are kept in the folder given with --keep");

  return 0;
}
