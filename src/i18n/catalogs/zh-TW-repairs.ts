/* 繁體中文: the repairs of en-repairs.ts (terms as in ../glossary.ts). */
export const ZH_TW_REPAIRS = {
  "repair.distutilsRun": "distutils 已在 Python 3.12 中移出標準函式庫；setuptools 提供它",
  "repair.distutilsBuild":
    "某個套件的 setup.py 匯入了 distutils，而它已在 Python 3.12 中移出標準函式庫",
  "repair.removedModule": "{name} 模組已在 Python {removed} 中從標準函式庫移除",
  "repair.removedModuleOld":
    "{name} 模組已在 Python {removed} 中從標準函式庫移除；這麼舊的原始碼套件可能還需要 Python {oldest} 移除的那些模組",
  "repair.removedName": "{name} 已在 Python {removed} 中從標準函式庫移除",
  "repair.setuptoolsFeature":
    "某個套件的 setup.py 匯入了 setuptools.Feature（setuptools 46 已移除）：以 setuptools<46 建置它的原始碼套件",
  "repair.collections": "collections.{name} 已移到 collections.abc；舊名稱在 Python 3.10 中被移除",
  "repair.native": "原生擴充需要 {packages} 才能編譯",
  "repair.dated": "{what}，且應用程式在今天的版本上失敗；{day} 是最後一次修改 {files} 的提交",
  "repair.dated.one": "{names} 未固定版本",
  "repair.dated.many": "{names} 未固定版本",
  "repair.dated.pinsOnly": "{files} 只固定了它列出的套件，沒有固定它們的相依套件",
  "repair.dated.unpinned": "未固定版本：{names}",
  "repair.dated.deps": "已固定套件的相依套件會解析到今天的版本",
  "build.repair.summary": "{changes}（{why}）",
  "build.repair.python": "使用 Python {version}",
  "build.repair.constraints": "以 {constraints} 建置原始碼套件",
  "engine.use.buildx": "docker buildx {version}（{client}）",
  "engine.use.buildkit": "{client} {version}，以 BuildKit 建置（DOCKER_BUILDKIT=1）",
  "engine.use.legacy": "{client} {version}，使用舊版建置器（不用 BuildKit）",
  "engine.use.podman": "podman {version}（{client}）",
  "engine.use.skipped": "{chosen}；略過了 {client}：{why}",
  "engine.reject.buildkit": "沒有 buildx 外掛程式，BuildKit 也被拒絕（{error}）",
  "engine.reject.notNeeded": "不需要",
};
