/*
 * The terms both Chinese catalogs follow, one row per concept. Mainland and Taiwan usage
 * differ beyond the script (an image is 镜像 in zh-CN but 映像檔 in zh-TW, where 鏡像 is the
 * mirror of a site), so zh-TW is not zh-CN converted character by character.
 * test/i18n/glossary.test.ts checks the catalogs: a row with `en` requires the term wherever
 * the English says it; `avoid` lists the other side's words that must not appear.
 * Rows are ordered longest term first where one contains another (镜像源 before 镜像):
 * the zh-TW draft tool (scripts/draft-zh-tw.mjs) replaces them in this order.
 */
export interface GlossaryTerm {
  /** The English word, as a pattern; null for a row that only lists words to avoid. */
  readonly en: RegExp | null;
  readonly "zh-CN": string;
  readonly "zh-TW": string;
  readonly avoid: { readonly "zh-CN"?: readonly string[]; readonly "zh-TW"?: readonly string[] };
}

export const GLOSSARY: readonly GlossaryTerm[] = [
  // a package index or apt mirror; zh-TW says 鏡像站 (国网中心鏡像站), never 映像檔
  { en: /\bmirrors?\b/i, "zh-CN": "镜像源", "zh-TW": "鏡像站", avoid: {} },
  { en: /\bbase image\b/i, "zh-CN": "基础镜像", "zh-TW": "基礎映像檔", avoid: {} },
  // a container image; zh-TW: 鏡像 alone means a mirror there
  {
    en: /\bimages?\b/i,
    "zh-CN": "镜像",
    "zh-TW": "映像檔",
    avoid: { "zh-CN": ["映像"], "zh-TW": ["鏡像(?!站)", "镜像"] },
  },
  { en: /\bcontainers?\b/i, "zh-CN": "容器", "zh-TW": "容器", avoid: {} },
  // building an image
  {
    en: null,
    "zh-CN": "构建",
    "zh-TW": "建置",
    avoid: { "zh-CN": ["建置"], "zh-TW": ["構建", "建構"] },
  },
  {
    en: /\bdependenc(y|ies)\b/i,
    "zh-CN": "依赖",
    "zh-TW": "相依套件",
    avoid: { "zh-TW": ["依賴"] },
  },
  { en: null, "zh-CN": "软件包", "zh-TW": "套件", avoid: { "zh-TW": ["軟件", "軟體包"] } },
  { en: null, "zh-CN": "服务器", "zh-TW": "伺服器", avoid: { "zh-TW": ["服務器"] } },
  { en: null, "zh-CN": "设置", "zh-TW": "設定", avoid: { "zh-TW": ["設置"] } },
  { en: null, "zh-CN": "配置", "zh-TW": "設定", avoid: { "zh-TW": ["配置"] } },
  { en: null, "zh-CN": "默认", "zh-TW": "預設", avoid: { "zh-TW": ["默認"] } },
  { en: null, "zh-CN": "文件夹", "zh-TW": "資料夾", avoid: { "zh-TW": ["文件夾"] } },
  // a file on disk; 文件 in Taiwan is a document
  { en: null, "zh-CN": "文件", "zh-TW": "檔案", avoid: { "zh-TW": ["文件"] } },
  { en: null, "zh-CN": "代码", "zh-TW": "程式碼", avoid: { "zh-TW": ["代碼"] } },
  { en: null, "zh-CN": "程序", "zh-TW": "程式", avoid: { "zh-TW": ["程序"] } },
  { en: null, "zh-CN": "进程", "zh-TW": "行程", avoid: { "zh-TW": ["進程"] } },
  { en: null, "zh-CN": "网络", "zh-TW": "網路", avoid: { "zh-TW": ["網絡"] } },
  { en: /\bports?\b/i, "zh-CN": "端口", "zh-TW": "連接埠", avoid: { "zh-TW": ["端口"] } },
  { en: null, "zh-CN": "用户", "zh-TW": "使用者", avoid: { "zh-TW": ["用戶(?!端)"] } },
  { en: null, "zh-CN": "支持", "zh-TW": "支援", avoid: { "zh-TW": ["支持"] } },
  { en: null, "zh-CN": "信息", "zh-TW": "資訊", avoid: { "zh-TW": ["信息"] } },
  { en: null, "zh-CN": "项目", "zh-TW": "專案", avoid: { "zh-TW": ["項目"] } },
  { en: null, "zh-CN": "运行", "zh-TW": "執行", avoid: { "zh-TW": ["運行"] } },
  { en: null, "zh-CN": "缓存", "zh-TW": "快取", avoid: { "zh-TW": ["緩存"] } },
  { en: null, "zh-CN": "环境变量", "zh-TW": "環境變數", avoid: { "zh-TW": ["環境變量"] } },
  { en: null, "zh-CN": "日志", "zh-TW": "日誌", avoid: {} },
  { en: null, "zh-CN": "命令", "zh-TW": "指令", avoid: {} },
  { en: null, "zh-CN": "质量", "zh-TW": "品質", avoid: { "zh-TW": ["質量"] } },
  { en: null, "zh-CN": "字符", "zh-TW": "字元", avoid: { "zh-TW": ["字符"] } },
  { en: null, "zh-CN": "时区", "zh-TW": "時區", avoid: {} },
];
