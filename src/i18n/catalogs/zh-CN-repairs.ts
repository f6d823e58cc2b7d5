/* 简体中文: the repairs of en-repairs.ts (terms as in ../glossary.ts). */
export const ZH_CN_REPAIRS = {
  "repair.distutilsRun": "distutils 已在 Python 3.12 中移出标准库；setuptools 提供它",
  "repair.distutilsBuild":
    "某个软件包的 setup.py 导入了 distutils，而它已在 Python 3.12 中移出标准库",
  "repair.removedModule": "{name} 模块已在 Python {removed} 中从标准库移除",
  "repair.removedModuleOld":
    "{name} 模块已在 Python {removed} 中从标准库移除；这么旧的源码包可能还需要 Python {oldest} 移除的那些模块",
  "repair.removedName": "{name} 已在 Python {removed} 中从标准库移除",
  "repair.setuptoolsFeature":
    "某个软件包的 setup.py 导入了 setuptools.Feature（setuptools 46 已移除）：用 setuptools<46 构建它的源码包",
  "repair.collections": "collections.{name} 已移到 collections.abc；旧名称在 Python 3.10 中被移除",
  "repair.native": "原生扩展需要 {packages} 才能编译",
  "repair.dated": "{what}，且应用在今天的版本上失败；{day} 是最后一次修改 {files} 的提交",
  "repair.dated.one": "{names} 未固定版本",
  "repair.dated.many": "{names} 未固定版本",
  "repair.dated.pinsOnly": "{files} 只固定了它列出的软件包，没有固定它们的依赖",
  "repair.dated.unpinned": "未固定版本：{names}",
  "repair.dated.deps": "已固定软件包的依赖会解析到今天的版本",
  "build.repair.summary": "{changes}（{why}）",
  "build.repair.python": "使用 Python {version}",
  "build.repair.constraints": "以 {constraints} 构建源码包",
  "engine.use.buildx": "docker buildx {version}（{client}）",
  "engine.use.buildkit": "{client} {version}，以 BuildKit 构建（DOCKER_BUILDKIT=1）",
  "engine.use.legacy": "{client} {version}，使用旧版构建器（不用 BuildKit）",
  "engine.use.podman": "podman {version}（{client}）",
  "engine.use.skipped": "{chosen}；跳过了 {client}：{why}",
  "engine.reject.buildkit": "没有 buildx 插件，BuildKit 也被拒绝（{error}）",
  "engine.reject.notNeeded": "不需要",
};
