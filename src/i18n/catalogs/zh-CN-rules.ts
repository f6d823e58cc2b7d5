/*
 * 简体中文 for the lint rules of src/lint/rule-catalog.ts: the one-line message (same
 * {placeholders}) and the rationale `pyship explain` prints. Before/after examples are
 * Dockerfile text and stay as they are.
 */
export interface RuleText {
  readonly message: string;
  readonly rationale: string;
}

export const ZH_CN_RULES: Readonly<Record<string, RuleText>> = {
  PY101: {
    message: "`{image}` 是完整版 Python 镜像（约 800 MB，含编译器）；请改用 `{suggested}`",
    rationale:
      "完整版 python 镜像带有 gcc、头文件和上百个 Debian 软件包，应用运行时根本用不到：每次部署都要下载更多内容，要修补的 CVE 也更多。最终阶段请使用 -slim 版本；如果需要编译器，就在 builder 阶段构建 wheel。不会自动修改：在这个阶段编译的软件包可能需要这些工具。",
  },
  PY102: {
    message: "`{image}` 没有固定版本（{reason}）：镜像一重新发布，构建结果就会变",
    rationale:
      "没有标签、使用 `latest`，或 Python 标签没有写到次版本号（`python:3`、`python:slim`、`python:alpine`）时，Python 版本会悄悄变化：几个月后重新构建，可能不知不觉换成新的 Python，导致软件包无法使用。至少固定到次版本号（python:3.12-slim）。",
  },
  PY103: {
    message: "Python {version} 自 {eol} 起已停止支持：不再有安全修复",
    rationale:
      "停止支持的 Python 版本不再获得安全补丁，新的 wheel 也不再为它发布，于是安装开始从源码编译，甚至失败。请换成仍受支持的版本（3.11 或更新）。",
  },
  PY104: {
    message:
      "基础镜像是 Alpine（musl），而依赖需要 {packages}：这些包常常没有 musl 版 wheel，pip 只能从源码编译",
    rationale:
      "许多科学计算和二进制软件包只发布 manylinux（glibc）wheel，并非每个版本都有 musllinux wheel，所以在 Alpine 上 pip 会从源码构建它们：构建耗时几分钟到几小时，需要编译器，最终镜像往往还比 slim 版 Debian 镜像更大。请使用 python:X-slim。",
  },
  PY105: {
    message: "Python {version} 已于 {eol} 停止支持：请计划升级",
    rationale:
      "这个 Python 次版本最近停止了安全修复。它仍然能用，wheel 也还在，但时间不多了：请在软件包放弃支持它之前计划迁移到受支持的版本。一年之后，或者对于 3.9 及更早的版本，这条提示会变成 PY103（警告）。",
  },
  PY106: {
    message: "`{image}` 基于 Debian {release}，自 {eol} 起已停止支持：没有安全更新",
    rationale:
      "标签中的 Debian 版本（-jessie、-stretch、-buster、-bullseye）决定了系统库，与 Python 版本无关。它的（LTS）支持一结束，OpenSSL、glibc 和其他所有软件包都不再有安全修复，官方镜像不再重新构建，而且该版本移到 archive.debian.org 后 `apt-get update` 会失败。请使用当前版本（-bookworm，或不带版本后缀）。",
  },
  PY107: {
    message:
      "`{image}` 是 Alpine（musl）镜像：大多数 Python 软件包只发布 glibc 版 wheel，pip 可能需要从源码编译",
    rationale:
      "Python 在 Alpine 上能运行，但很多软件包只提供 manylinux（glibc）wheel、没有 musllinux wheel，所以新增一个依赖就可能让 10 秒的安装变成需要 gcc 和头文件的漫长编译，而结果很少比 -slim 更小。这里只作为提示；当已知某个依赖缺少 musl wheel 时，会变成 PY104（警告）。",
  },
  PY108: {
    message: "最终镜像使用 FROM --platform=$BUILDPLATFORM 构建：多平台构建得到的是构建机器的架构",
    rationale:
      "--platform=$BUILDPLATFORM 让一个阶段在构建机器的平台上运行；它是给为 $TARGETPLATFORM 交叉编译的 builder 阶段用的。如果最终镜像由这样的阶段组成，在 amd64 机器上执行 `docker buildx build --platform linux/amd64,linux/arm64` 会得到一个包含 amd64 二进制文件的 arm64 镜像，运行时报 `exec format error`。请在那里去掉这个参数（单平台构建不受影响）。",
  },
  PY201: {
    message: "应用代码在安装依赖之前就被复制：任何代码改动都会重新执行安装",
    rationale:
      "Docker 按顺序缓存各层。`COPY . .` 放在 `pip install -r requirements.txt` 之前时，修改任何文件都会让安装层失效，所有依赖都要重新下载。先只复制依赖清单文件，安装，然后再复制代码。对 requirements 文件会自动修复。",
  },
  PY202: {
    message: "`{tool}` 把下载缓存留在了镜像里；{hint}",
    rationale:
      "pip、uv 和 poetry 会把下载的每个 wheel 保存在 ~/.cache 下，这些内容会成为镜像层的一部分：常常是 100 MB 以上的无用数据。请加上 --no-cache-dir（pip）/ --no-cache（uv），设置 PIP_NO_CACHE_DIR=1 / UV_NO_CACHE=1，或者使用 BuildKit 缓存挂载（RUN --mount=type=cache,target=/root/.cache/pip）。只针对最终镜像：builder 阶段的缓存不会被发布。",
  },
  PY203: {
    message: "`{packages}` 安装时没有固定版本：构建不可复现；请使用 requirements 或锁文件",
    rationale:
      "`pip install flask` 会安装构建当天的最新版本，所以同一个提交的两次构建可能不同，新的大版本还可能搞坏生产环境。把依赖写在 requirements.txt（带版本号）或锁文件里，并从中安装；如果必须在命令里安装，请固定版本（`gunicorn==23.0.0`）。",
  },
  PY204: {
    message: "`{packages}` 在最终镜像中安装时没有指定版本：每次构建都拿到当天的发布版本",
    rationale:
      "`pip install --upgrade pip setuptools wheel` 让最终镜像依赖构建当天发布的版本：不可复现，而且新版 pip 或 setuptools 以前就搞坏过构建（删掉旧选项、移除 setup.py 命令）。请固定它们的版本，或者干脆不升级：基础镜像自带的 pip 安装 wheel 没有问题。",
  },
  PY205: {
    message: "`{packages}` 安装时没有指定版本：负责解析其他所有依赖的工具本身却不固定",
    rationale:
      "锁文件固定了应用的依赖，但读取它的工具（poetry、pipenv、pdm、uv）安装的却是最新版本。新的大版本会改变锁文件格式、选项和解析方式，仓库里什么都没改，构建就坏了（poetry 2.0 就这样搞坏了很多 Dockerfile）。请固定它的版本（像 poetry>=2,<3 这样的大版本范围就够了）。目前只作为提示：pyship 自己生成的文件安装 uv 和 pipenv 时也还没有固定版本。",
  },
  PY301: {
    message: "没有设置 PYTHONUNBUFFERED：print() 和日志被缓冲，会延迟输出，容器退出时还会丢失",
    rationale:
      "没有 TTY 时，Python 对 stdout 使用块缓冲，于是 `docker logs` 好几分钟什么都不显示，崩溃前的最后几行也会丢失。请在最终阶段设置 ENV PYTHONUNBUFFERED=1（或使用 python -u 运行）。",
  },
  PY302: {
    message: "容器以 root 运行{detail}：应用一旦被攻破，整个容器都归攻击者所有",
    rationale:
      "除非用 USER 指定，容器里的进程都以 root 运行。被攻破的 Web 应用就拥有容器内的 root 权限，可以修改代码，还能借助内核或挂载的配置疏漏获得更大的权限。请创建一个非特权用户，并在 CMD 之前切换到它。不会自动修改：应用可能需要写入该用户无权写入的文件。",
  },
  PY303: {
    message: "shell 形式的 {keyword}：/bin/sh 成为 PID 1，信号到不了应用，`docker stop` 要等 10 秒",
    rationale:
      '`CMD python app.py` 实际运行的是 `/bin/sh -c "python app.py"`。shell 是 PID 1，不会转发 SIGTERM，所以应用无法正常关闭，Docker 在 10 秒超时后强行杀掉它：部署变慢，请求丢失。请使用 JSON（exec）形式。命令不使用 shell 特性时会自动修复。',
  },
  PY304: {
    message: "{server} 是开发服务器：单线程、未经加固，不能用于生产",
    rationale:
      "`flask run`、`app.run()`、`manage.py runserver` 和 `--reload` 是给笔记本电脑用的：一次只处理一个请求，文件一改就重新加载，还会显示调试页面。请改用生产服务器（WSGI 用 gunicorn，ASGI 用 uvicorn 或带 uvicorn worker 的 gunicorn）。",
  },
  PY305: {
    message: "{server} 在这里监听 127.0.0.1：容器外的任何东西都访问不到它",
    rationale:
      "不带 --bind 的 gunicorn、不带 --host 的 uvicorn 和不带 --host 的 `flask run` 都监听 127.0.0.1；在容器里，这个地址从宿主机或其他容器都访问不到，即使用了 -p 也一样。请绑定 0.0.0.0。",
  },
  PY306: {
    message: "EXPOSE {exposed}，但命令监听的是 {port}",
    rationale:
      "EXPOSE 说明应用提供服务的端口，各种平台和 `docker run -P` 都会用它。它与命令实际绑定的端口不一致时，发布的端口就是错的，健康检查也会失败。",
  },
  PY307: {
    message: "`TZ={value}` {problem}；请写成时区名，例如 {suggested}",
    rationale:
      "C 库把 TZ 当作镜像中 tzdata 里的时区名（Asia/Shanghai）或 POSIX 规则来读，而 POSIX 规则的符号是反的：`UTC+8` 表示比 UTC *晚* 8 小时。像 `+08:00` 这样的时差或不存在的名称（`Asia/Beijing`）也不会报错：容器会悄悄使用 UTC，日志和定时任务的时间差了好几个小时。请使用该时区内城市的 IANA 名称（Asia/Shanghai、Asia/Taipei、Asia/Hong_Kong），固定的 UTC+8 可用 Etc/GMT-8（Etc 名称沿用 POSIX 的符号）。`pyship init --tz Asia/Shanghai` 会替你写好。",
  },
  PY401: {
    message: "ENV `{name}` 看起来是凭据：它保存在镜像配置里，任何能拉取镜像的人都能看到",
    rationale:
      "ENV 的值是镜像配置的一部分：对镜像的任何副本执行 `docker inspect` 都能看到，写死的值在 git 里的 Dockerfile 中也看得到。请在运行时传入密钥（`docker run -e`、编排系统的 secret），构建时使用 `RUN --mount=type=secret`。",
  },
  PY402: {
    message: "ARG `{name}` 看起来是凭据：构建参数会记录在镜像历史中",
    rationale:
      "只要有 RUN 用到，通过 --build-arg 传入的值就会出现在最终镜像的 `docker history` 里。请改用 BuildKit 的 secret 挂载：RUN --mount=type=secret,id=token ...",
  },
  PY403: {
    message: "RUN 中的 URL 带有凭据（`{url}`）：它们会留在镜像层历史和构建日志里",
    rationale:
      "RUN 中的 `https://user:token@host/...` 会原样保存在镜像历史中（ARG 替换之后），还会打印在 CI 日志里。请使用 BuildKit 的 secret 挂载，从中读取 netrc 或 pip 索引配置。",
  },
  PY404: {
    message: "`{path}` 被复制进了镜像：密钥和 .env 文件不能随镜像发布",
    rationale:
      "COPY 放进镜像层的任何东西都会一直留在那里，即使后面的 RUN 把它删掉，任何拉取镜像的人都能把它提取出来。请在运行时提供配置（环境变量、挂载的 secret）。",
  },
  PY501: {
    message: "`apt-get update` 单独占一层：之后缓存的过期索引会让安装失败",
    rationale:
      "Docker 会缓存 `apt-get update` 这一层。以后安装那一行改变时，它会使用缓存中过期的软件包索引，安装时报 404。请在同一个 RUN 中更新并安装。下一个 RUN 就是安装时会自动修复。",
  },
  PY502: {
    message: "`apt-get install` 没有加 --no-install-recommends：会装上没人要的软件包",
    rationale: "推荐的软件包默认会一起安装，常常让安装的体积翻倍（文档、X 图形库、额外的工具）。",
  },
  PY503: {
    message: "{tool} 把软件包索引留在了镜像层里（{hint}）",
    rationale:
      "`apt-get update` 会把约 40 MB 的软件包列表下载到 /var/lib/apt/lists；如果不在同一个 RUN 中删除，它们就永远留在镜像里。在 Alpine 上，不带 --no-cache 的 `apk add` 会保留 /var/cache/apk。",
  },
  PY504: {
    message: "`{packages}` 留在了最终镜像里：编译器和头文件只在构建时需要；请使用 builder 阶段",
    rationale:
      "gcc、build-essential 和 -dev 软件包是编译 wheel 用的，运行时并不需要。留在最终镜像里，它们会增加数百 MB 的体积和攻击面。请在 builder 阶段构建 wheel 或虚拟环境，再复制到只安装运行时库的 slim 最终阶段（例如用 libpq5 代替 libpq-dev）。",
  },
  PY601: {
    message: "ADD 在构建时下载 {url}，且没有校验和：不可复现，离线时会失败",
    rationale:
      "ADD <url> 在每次缓存未命中时都会下载文件，内容无法校验，在隔离网络的构建机上会失败。请把文件放进构建上下文，或者使用 ADD --checksum=sha256:...，这样下载内容一变，构建就会失败。",
  },
  PY602: {
    message: "用了 ADD，而 COPY 就够了：ADD 还会解压归档、下载 URL，容易让人意外",
    rationale: "COPY 只做一件事。ADD 会悄悄解开 tar 归档、下载 URL；只在需要这些功能时才用它。",
  },
  PY603: {
    message: "RUN 中使用了 `cd`：请用 WORKDIR，让后面的指令知道当前目录",
    rationale:
      "RUN 里的 `cd` 只对这一个 RUN 有效；下一条指令又回到 WORKDIR，这常常让人困惑。WORKDIR 明确写出目录，之后的每条指令都能看到。",
  },
  PY604: {
    message: "MAINTAINER 已被弃用；请使用 LABEL org.opencontainers.image.authors",
    rationale: "MAINTAINER 在 Docker 1.13 中被弃用。镜像仓库和扫描工具读取的是 OCI 标签。",
  },
  PY605: {
    message: "HEALTHCHECK 调用了 `{tool}`，但 `{image}` 里没有它：容器会被标记为不健康",
    rationale:
      "slim 和 distroless 的 Python 镜像都没有 curl 或 wget。调用它们的 HEALTHCHECK 每次都会失败，编排系统会不断重启其实健康的应用。请安装该工具，或者直接用 Python 探测。",
  },
  PY606: {
    message: "`# syntax={value}` 让 BuildKit 在构建时拉取一个前端镜像：离线或隔离网络中会失败",
    rationale:
      "syntax 指令让 BuildKit 在构建前从镜像仓库下载指定的 Dockerfile 前端。能访问镜像仓库时这没有坏处，所以只作为提示；但离线和隔离网络的构建机（以及 pyship 自己的离线构建）会在第一条指令之前就失败，而且前端版本不固定。当前 Docker 的内置前端已经支持 RUN --mount 和 heredoc。除非文件用到了比内置前端更新的特性，否则会自动删除。",
  },
  PY607: {
    message: "`ENV {name} value` 是旧写法：值会一直延续到行尾，包括空格；请写成 {name}=value",
    rationale:
      "`ENV KEY value` 把键后面的所有内容都设给一个变量，所以 `ENV A b C=d` 把 A 设成 `b C=d`，而不是设置两个变量。这种写法已被弃用，BuildKit 会发出警告（LegacyKeyValueFormat）。请使用 `ENV KEY=value`，含空格的值加上引号。值不需要转义时会自动修复。",
  },
  PY701: {
    message:
      "`COPY {source}` 会发送整个构建上下文，而且没有 .dockerignore：.git、.env 和虚拟环境都会被带进去",
    rationale:
      "没有 .dockerignore 时，`COPY . .` 会复制所有内容：.git 历史、本地虚拟环境（数百 MB，而且平台不对）、__pycache__，以及存有密钥的 .env 文件。构建变慢，镜像还会泄露信息。请添加 .dockerignore。",
  },
  PY702: {
    message: "`{paths}` 存在，而 .dockerignore 没有排除它：`COPY {source}` 会把它放进镜像",
    rationale: ".env 文件通常保存着密码和 API 密钥；一旦进入镜像层，任何拉取镜像的人都能读到。",
  },
  PY703: {
    message:
      "`{paths}` 没有被 .dockerignore 排除：`COPY {source}` 会在每次构建时发送它，并放进镜像",
    rationale:
      ".git 和本地虚拟环境体积大、变化频繁（让缓存失效），而且宿主机上的虚拟环境在容器里根本不能用。请排除它们。",
  },
};
