/*
 * The network failure hints (src/build/network-failures.ts) in the catalog: English from the
 * table itself, Chinese (zh-CN, zh-TW) here. A test checks every failure has them.
 */
import { NETWORK_FAILURES } from "../build/network-failures.js";
import { addMessages } from "./i18n.js";

export const NETWORK_HINTS_ZH: Readonly<Record<string, string>> = {
  auth: "检查索引地址（PIP_INDEX_URL、PIP_EXTRA_INDEX_URL 或 pip.conf）中的用户名和令牌：pyship 以构建密钥 pyship_index_netrc 传入它们",
  "lagging-mirror":
    "请改用上游索引重试（pyship build --mirror off）或换一个镜像源：镜像源每隔几分钟到几小时同步一次，新发布的版本在同步前不存在",
  tls: "把公司的 CA 证书加入基础镜像（构建信任其证书库）；内部 http 索引请在 pip.conf 中设置 trusted-host，pyship 会以 PIP_TRUSTED_HOST 和 UV_INSECURE_HOST 传入",
  refused:
    "位于 127.0.0.1 的索引只有在 --network host 下才能被构建访问；否则请检查索引的主机和端口",
  timeout:
    "请重试；在中国大陆请使用镜像源（pyship build --mirror tuna、aliyun、ustc、tencent 或 huawei）；在代理之后请用 --build-arg HTTPS_PROXY=http://proxy:3128 传入代理",
  "apt-mirror":
    "请重试（正在同步的镜像源会在几分钟内提供不一致的文件），或用 --apt-mirror URL 换一个，或用 --mirror off 不用镜像源",
};

/** Taiwan usage (drafted with scripts/draft-zh-tw.mjs, terms as in src/i18n/glossary.ts). */
export const NETWORK_HINTS_TW: Readonly<Record<string, string>> = {
  auth: "檢查索引位址（PIP_INDEX_URL、PIP_EXTRA_INDEX_URL 或 pip.conf）中的使用者名稱和令牌：pyship 以建置金鑰 pyship_index_netrc 傳入它們",
  "lagging-mirror":
    "請改用上游索引重試（pyship build --mirror off）或換一個鏡像站：鏡像站每隔幾分鐘到幾小時同步一次，新發布的版本在同步前不存在",
  tls: "把公司的 CA 憑證加入基礎映像檔（建置信任其憑證庫）；內部 http 索引請在 pip.conf 中設定 trusted-host，pyship 會以 PIP_TRUSTED_HOST 和 UV_INSECURE_HOST 傳入",
  refused:
    "位於 127.0.0.1 的索引只有在 --network host 下才能被建置存取；否則請檢查索引的主機和連接埠",
  timeout:
    "請重試；在中國大陸請使用鏡像站（pyship build --mirror tuna、aliyun、ustc、tencent 或 huawei）；在代理之後請用 --build-arg HTTPS_PROXY=http://proxy:3128 傳入代理",
  "apt-mirror":
    "請重試（正在同步的鏡像站會在幾分鐘內提供不一致的檔案），或用 --apt-mirror URL 換一個，或用 --mirror off 不用鏡像站",
};

addMessages(
  Object.fromEntries(
    NETWORK_FAILURES.map((failure) => [
      `network.${failure.id}`,
      {
        en: failure.hint,
        zh: NETWORK_HINTS_ZH[failure.id] ?? failure.hint,
        "zh-TW": NETWORK_HINTS_TW[failure.id] ?? failure.hint,
      },
    ]),
  ),
);
