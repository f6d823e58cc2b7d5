/*
 * 繁體中文 for the lint rules of src/lint/rule-catalog.ts (see zh-CN-rules.ts); Taiwan's
 * terms as in ../glossary.ts.
 */
import type { RuleText } from "./zh-CN-rules.js";

export const ZH_TW_RULES: Readonly<Record<string, RuleText>> = {
  PY101: {
    message: "`{image}` 是完整版 Python 映像檔（約 800 MB，含編譯器）；請改用 `{suggested}`",
    rationale:
      "完整版 python 映像檔帶有 gcc、標頭檔和上百個 Debian 套件，應用程式執行時根本用不到：每次部署都要下載更多內容，要修補的 CVE 也更多。最終階段請使用 -slim 版本；如果需要編譯器，就在 builder 階段建置 wheel。不會自動修改：在這個階段編譯的套件可能需要這些工具。",
  },
  PY102: {
    message: "`{image}` 沒有固定版本（{reason}）：映像檔一重新發布，建置結果就會變",
    rationale:
      "沒有標籤、使用 `latest`，或 Python 標籤沒有寫到次版本號（`python:3`、`python:slim`、`python:alpine`）時，Python 版本會悄悄變化：幾個月後重新建置，可能不知不覺換成新的 Python，導致套件無法使用。至少固定到次版本號（python:3.12-slim）。",
  },
  PY103: {
    message: "Python {version} 自 {eol} 起已停止支援：不再有安全修復",
    rationale:
      "停止支援的 Python 版本不再獲得安全補丁，新的 wheel 也不再為它發布，於是安裝開始從原始碼編譯，甚至失敗。請換成仍受支援的版本（3.11 或更新）。",
  },
  PY104: {
    message:
      "基礎映像檔是 Alpine（musl），而相依套件需要 {packages}：這些套件常常沒有 musl 版 wheel，pip 只能從原始碼編譯",
    rationale:
      "許多科學計算和二進位套件只發布 manylinux（glibc）wheel，並非每個版本都有 musllinux wheel，所以在 Alpine 上 pip 會從原始碼建置它們：建置耗時幾分鐘到幾小時，需要編譯器，最終映像檔往往還比 slim 版 Debian 映像檔更大。請使用 python:X-slim。",
  },
  PY105: {
    message: "Python {version} 已於 {eol} 停止支援：請規劃升級",
    rationale:
      "這個 Python 次版本最近停止了安全修復。它仍然能用，wheel 也還在，但時間不多了：請在套件放棄支援它之前規劃遷移到受支援的版本。一年之後，或者對於 3.9 及更早的版本，這條提示會變成 PY103（警告）。",
  },
  PY106: {
    message: "`{image}` 基於 Debian {release}，自 {eol} 起已停止支援：沒有安全更新",
    rationale:
      "標籤中的 Debian 版本（-jessie、-stretch、-buster、-bullseye）決定了系統函式庫，與 Python 版本無關。它的（LTS）支援一結束，OpenSSL、glibc 和其他所有套件都不再有安全修復，官方映像檔不再重新建置，而且該版本移到 archive.debian.org 後 `apt-get update` 會失敗。請使用目前版本（-bookworm，或不帶版本字尾）。",
  },
  PY107: {
    message:
      "`{image}` 是 Alpine（musl）映像檔：大多數 Python 套件只發布 glibc 版 wheel，pip 可能需要從原始碼編譯",
    rationale:
      "Python 在 Alpine 上能執行，但很多套件只提供 manylinux（glibc）wheel、沒有 musllinux wheel，所以新增一個相依套件就可能讓 10 秒的安裝變成需要 gcc 和標頭檔的漫長編譯，而結果很少比 -slim 更小。這裡只作為提示；當已知某個相依套件缺少 musl wheel 時，會變成 PY104（警告）。",
  },
  PY108: {
    message: "最終映像檔使用 FROM --platform=$BUILDPLATFORM 建置：多平臺建置得到的是建置機器的架構",
    rationale:
      "--platform=$BUILDPLATFORM 讓一個階段在建置機器的平臺上執行；它是給為 $TARGETPLATFORM 交叉編譯的 builder 階段用的。如果最終映像檔由這樣的階段組成，在 amd64 機器上執行 `docker buildx build --platform linux/amd64,linux/arm64` 會得到一個包含 amd64 二進位檔案的 arm64 映像檔，執行時報 `exec format error`。請在那裡去掉這個參數（單平臺建置不受影響）。",
  },
  PY201: {
    message: "應用程式的程式碼在安裝相依套件之前就被複製：任何程式碼變更都會重新執行安裝",
    rationale:
      "Docker 按順序快取各層。`COPY . .` 放在 `pip install -r requirements.txt` 之前時，修改任何檔案都會讓安裝層失效，所有相依套件都要重新下載。先只複製相依套件清單檔案，安裝，然後再複製程式碼。對 requirements 檔案會自動修復。",
  },
  PY202: {
    message: "`{tool}` 把下載快取留在了映像檔裡；{hint}",
    rationale:
      "pip、uv 和 poetry 會把下載的每個 wheel 儲存在 ~/.cache 下，這些內容會成為映像檔層的一部分：常常是 100 MB 以上的無用資料。請加上 --no-cache-dir（pip）/ --no-cache（uv），設定 PIP_NO_CACHE_DIR=1 / UV_NO_CACHE=1，或者使用 BuildKit 快取掛載（RUN --mount=type=cache,target=/root/.cache/pip）。只針對最終映像檔：builder 階段的快取不會被發布。",
  },
  PY203: {
    message: "`{packages}` 安裝時沒有固定版本：建置不可重現；請使用 requirements 或鎖定檔",
    rationale:
      "`pip install flask` 會安裝建置當天的最新版本，所以同一個提交的兩次建置可能不同，新的大版本還可能搞壞生產環境。把相依套件寫在 requirements.txt（帶版本號）或鎖定檔裡，並從中安裝；如果必須在指令裡安裝，請固定版本（`gunicorn==23.0.0`）。",
  },
  PY204: {
    message: "`{packages}` 在最終映像檔中安裝時沒有指定版本：每次建置都拿到當天的發布版本",
    rationale:
      "`pip install --upgrade pip setuptools wheel` 讓最終映像檔取決於建置當天發布的版本：不可重現，而且新版 pip 或 setuptools 以前就搞壞過建置（刪掉舊選項、移除 setup.py 指令）。請固定它們的版本，或者乾脆不升級：基礎映像檔自帶的 pip 安裝 wheel 沒有問題。",
  },
  PY205: {
    message: "`{packages}` 安裝時沒有指定版本：負責解析其他所有相依套件的工具本身卻不固定",
    rationale:
      "鎖定檔固定了應用程式的相依套件，但讀取它的工具（poetry、pipenv、pdm、uv）安裝的卻是最新版本。新的大版本會改變鎖定檔格式、選項和解析方式，儲存庫裡什麼都沒改，建置就壞了（poetry 2.0 就這樣搞壞了很多 Dockerfile）。請固定它的版本（像 poetry>=2,<3 這樣的大版本範圍就夠了）。目前只作為提示：pyship 自己產生的檔案安裝 uv 和 pipenv 時也還沒有固定版本。",
  },
  PY301: {
    message: "沒有設定 PYTHONUNBUFFERED：print() 和日誌被緩衝，會延遲輸出，容器退出時還會丟失",
    rationale:
      "沒有 TTY 時，Python 對 stdout 使用區塊緩衝，於是 `docker logs` 好幾分鐘什麼都不顯示，崩潰前的最後幾行也會丟失。請在最終階段設定 ENV PYTHONUNBUFFERED=1（或使用 python -u 執行）。",
  },
  PY302: {
    message: "容器以 root 執行{detail}：應用程式一旦被攻破，整個容器都歸攻擊者所有",
    rationale:
      "除非用 USER 指定，容器裡的行程都以 root 執行。被攻破的 Web 應用程式就擁有容器內的 root 權限，可以修改程式碼，還能借助核心或掛載的設定疏漏獲得更大的權限。請建立一個非特權使用者，並在 CMD 之前切換到它。不會自動修改：應用程式可能需要寫入該使用者無權寫入的檔案。",
  },
  PY303: {
    message:
      "shell 形式的 {keyword}：/bin/sh 成為 PID 1，訊號到不了應用程式，`docker stop` 要等 10 秒",
    rationale:
      '`CMD python app.py` 實際執行的是 `/bin/sh -c "python app.py"`。shell 是 PID 1，不會轉發 SIGTERM，所以應用程式無法正常關閉，Docker 在 10 秒逾時後強行殺掉它：部署變慢，請求丟失。請使用 JSON（exec）形式。指令不使用 shell 特性時會自動修復。',
  },
  PY304: {
    message: "{server} 是開發伺服器：單執行緒、未經加固，不能用於生產",
    rationale:
      "`flask run`、`app.run()`、`manage.py runserver` 和 `--reload` 是給筆記型電腦用的：一次只處理一個請求，檔案一改就重新載入，還會顯示除錯頁面。請改用生產伺服器（WSGI 用 gunicorn，ASGI 用 uvicorn 或帶 uvicorn worker 的 gunicorn）。",
  },
  PY305: {
    message: "{server} 在這裡監聽 127.0.0.1：容器外的任何東西都連不到它",
    rationale:
      "不帶 --bind 的 gunicorn、不帶 --host 的 uvicorn 和不帶 --host 的 `flask run` 都監聽 127.0.0.1；在容器裡，這個地址從主機或其他容器都連不到，即使用了 -p 也一樣。請繫結 0.0.0.0。",
  },
  PY306: {
    message: "EXPOSE {exposed}，但指令監聽的是 {port}",
    rationale:
      "EXPOSE 說明應用程式提供服務的連接埠，各種平臺和 `docker run -P` 都會用它。它與指令實際繫結的連接埠不一致時，發布的連接埠就是錯的，健康檢查也會失敗。",
  },
  PY307: {
    message: "`TZ={value}` {problem}；請寫成時區名稱，例如 {suggested}",
    rationale:
      "C 函式庫把 TZ 當作映像檔中 tzdata 裡的時區名稱（Asia/Taipei）或 POSIX 規則來讀，而 POSIX 規則的正負號是反的：`UTC+8` 表示比 UTC *晚* 8 小時。像 `+08:00` 這樣的時差或不存在的名稱（`Asia/Beijing`）也不會報錯：容器會悄悄使用 UTC，日誌和排程工作的時間差了好幾個小時。請使用該時區內城市的 IANA 名稱（Asia/Taipei、Asia/Shanghai、Asia/Hong_Kong），固定的 UTC+8 可用 Etc/GMT-8（Etc 名稱沿用 POSIX 的正負號）。`pyship init --tz Asia/Taipei` 會替你寫好。",
  },
  PY401: {
    message: "ENV `{name}` 看起來是憑證：它儲存在映像檔設定裡，任何能拉取映像檔的人都能看到",
    rationale:
      "ENV 的值是映像檔設定的一部分：對映像檔的任何副本執行 `docker inspect` 都能看到，寫死的值在 git 裡的 Dockerfile 中也看得到。請在執行時傳入金鑰（`docker run -e`、編排系統的 secret），建置時使用 `RUN --mount=type=secret`。",
  },
  PY402: {
    message: "ARG `{name}` 看起來是憑證：建置參數會記錄在映像檔歷史中",
    rationale:
      "只要有 RUN 用到，通過 --build-arg 傳入的值就會出現在最終映像檔的 `docker history` 裡。請改用 BuildKit 的 secret 掛載：RUN --mount=type=secret,id=token ...",
  },
  PY403: {
    message: "RUN 中的 URL 帶有憑證（`{url}`）：它們會留在映像檔層歷史和建置日誌裡",
    rationale:
      "RUN 中的 `https://user:token@host/...` 會原樣儲存在映像檔歷史中（ARG 替換之後），還會列印在 CI 日誌裡。請使用 BuildKit 的 secret 掛載，從中讀取 netrc 或 pip 索引設定。",
  },
  PY404: {
    message: "`{path}` 被複製進了映像檔：金鑰和 .env 檔案不能隨映像檔發布",
    rationale:
      "COPY 放進映像檔層的任何東西都會一直留在那裡，即使後面的 RUN 把它刪掉，任何拉取映像檔的人都能把它提取出來。請在執行時提供設定（環境變數、掛載的 secret）。",
  },
  PY501: {
    message: "`apt-get update` 單獨佔一層：之後快取的過期索引會讓安裝失敗",
    rationale:
      "Docker 會快取 `apt-get update` 這一層。以後安裝那一行改變時，它會使用快取中過期的套件索引，安裝時報 404。請在同一個 RUN 中更新並安裝。下一個 RUN 就是安裝時會自動修復。",
  },
  PY502: {
    message: "`apt-get install` 沒有加 --no-install-recommends：會裝上沒人要的套件",
    rationale:
      "推薦的套件預設會一起安裝，常常讓安裝的體積翻倍（說明資料、X 圖形函式庫、額外的工具）。",
  },
  PY503: {
    message: "{tool} 把套件索引留在了映像檔層裡（{hint}）",
    rationale:
      "`apt-get update` 會把約 40 MB 的套件列表下載到 /var/lib/apt/lists；如果不在同一個 RUN 中刪除，它們就永遠留在映像檔裡。在 Alpine 上，不帶 --no-cache 的 `apk add` 會保留 /var/cache/apk。",
  },
  PY504: {
    message: "`{packages}` 留在了最終映像檔裡：編譯器和標頭檔只在建置時需要；請使用 builder 階段",
    rationale:
      "gcc、build-essential 和 -dev 套件是編譯 wheel 用的，執行時並不需要。留在最終映像檔裡，它們會增加數百 MB 的體積和攻擊面。請在 builder 階段建置 wheel 或虛擬環境，再複製到只安裝執行階段函式庫的 slim 最終階段（例如用 libpq5 代替 libpq-dev）。",
  },
  PY601: {
    message: "ADD 在建置時下載 {url}，且沒有校驗和：不可重現，離線時會失敗",
    rationale:
      "ADD <url> 在每次快取未命中時都會下載檔案，內容無法校驗，在隔離網路的建置機上會失敗。請把檔案放進建置上下文，或者使用 ADD --checksum=sha256:...，這樣下載內容一變，建置就會失敗。",
  },
  PY602: {
    message: "用了 ADD，而 COPY 就夠了：ADD 還會解開壓縮檔、下載 URL，容易讓人意外",
    rationale: "COPY 只做一件事。ADD 會悄悄解開 tar 壓縮檔、下載 URL；只在需要這些功能時才用它。",
  },
  PY603: {
    message: "RUN 中使用了 `cd`：請用 WORKDIR，讓後面的指令知道目前目錄",
    rationale:
      "RUN 裡的 `cd` 只對這一個 RUN 有效；下一條指令又回到 WORKDIR，這常常讓人困惑。WORKDIR 明確寫出目錄，之後的每條指令都能看到。",
  },
  PY604: {
    message: "MAINTAINER 已被棄用；請使用 LABEL org.opencontainers.image.authors",
    rationale: "MAINTAINER 在 Docker 1.13 中被棄用。映像檔倉庫和掃描工具讀取的是 OCI 標籤。",
  },
  PY605: {
    message: "HEALTHCHECK 呼叫了 `{tool}`，但 `{image}` 裡沒有它：容器會被標記為不健康",
    rationale:
      "slim 和 distroless 的 Python 映像檔都沒有 curl 或 wget。呼叫它們的 HEALTHCHECK 每次都會失敗，編排系統會不斷重啟其實健康的應用程式。請安裝該工具，或者直接用 Python 探測。",
  },
  PY606: {
    message: "`# syntax={value}` 讓 BuildKit 在建置時拉取一個前端映像檔：離線或隔離網路中會失敗",
    rationale:
      "syntax 指令讓 BuildKit 在建置前從映像檔倉庫下載指定的 Dockerfile 前端。能連上映像檔倉庫時這沒有壞處，所以只作為提示；但離線和隔離網路的建置機（以及 pyship 自己的離線建置）會在第一條指令之前就失敗，而且前端版本不固定。目前 Docker 的內建前端已經支援 RUN --mount 和 heredoc。除非檔案用到了比內建前端更新的特性，否則會自動刪除。",
  },
  PY607: {
    message: "`ENV {name} value` 是舊寫法：值會一直延續到行尾，包括空格；請寫成 {name}=value",
    rationale:
      "`ENV KEY value` 把鍵後面的所有內容都設給一個變數，所以 `ENV A b C=d` 把 A 設成 `b C=d`，而不是設定兩個變數。這種寫法已被棄用，BuildKit 會發出警告（LegacyKeyValueFormat）。請使用 `ENV KEY=value`，含空格的值加上引號。值不需要轉義時會自動修復。",
  },
  PY701: {
    message:
      "`COPY {source}` 會傳送整個建置上下文，而且沒有 .dockerignore：.git、.env 和虛擬環境都會被帶進去",
    rationale:
      "沒有 .dockerignore 時，`COPY . .` 會複製所有內容：.git 歷史、本地虛擬環境（數百 MB，而且平臺不對）、__pycache__，以及存有金鑰的 .env 檔案。建置變慢，映像檔還會洩露資訊。請新增 .dockerignore。",
  },
  PY702: {
    message: "`{paths}` 存在，而 .dockerignore 沒有排除它：`COPY {source}` 會把它放進映像檔",
    rationale: ".env 檔案通常儲存著密碼和 API 金鑰；一旦進入映像檔層，任何拉取映像檔的人都能讀到。",
  },
  PY703: {
    message:
      "`{paths}` 沒有被 .dockerignore 排除：`COPY {source}` 會在每次建置時傳送它，並放進映像檔",
    rationale:
      ".git 和本地虛擬環境體積大、變化頻繁（讓快取失效），而且主機上的虛擬環境在容器裡根本不能用。請排除它們。",
  },
};
