package org.ssechat.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.ssechat.client.ResponseOptions;

/**
 * Raw {@code ssechat.*} settings as Spring Boot binds them, from (highest first) launch flags,
 * {@code SSECHAT_*} environment variables, {@code config.yml} and the built-in defaults. Nothing is
 * resolved here; {@link Settings#resolve} applies presets and the {@code OPENAI_*} fallbacks.
 */
@ConfigurationProperties("ssechat")
public class SsechatProperties {
  private String provider;
  private String baseUrl;
  private String apiKey;
  private String auth;
  private String model;
  private String system;
  private boolean record;
  private boolean showReasoning = true;
  private String configDir;
  private String dataDir;
  private Duration connectTimeout = Duration.ofSeconds(10);
  private Duration readTimeout = Duration.ofSeconds(120);
  private long maxAnswerBytes = ResponseOptions.DEFAULT_MAX_BODY_BYTES;
  private Duration maxCommentsOnly = ResponseOptions.DEFAULT_MAX_COMMENTS_ONLY;
  private boolean openaiKeyAnywhere;
  private boolean allowInsecureHttp;
  private boolean raw;
  private String api;
  private String render = "auto";
  private int ambiguousWidth = 1;

  /** {@code auto} (Markdown on a styled terminal, else plain), {@code markdown} or {@code plain}. */
  public String getRender() {
    return render;
  }

  public void setRender(String render) {
    this.render = render;
  }

  /** 1 or 2: the cells East Asian Ambiguous characters take (2 on CJK-locale terminals). */
  public int getAmbiguousWidth() {
    return ambiguousWidth;
  }

  public void setAmbiguousWidth(int ambiguousWidth) {
    this.ambiguousWidth = ambiguousWidth;
  }

  public String getProvider() {
    return provider;
  }

  public void setProvider(String provider) {
    this.provider = provider;
  }

  public String getBaseUrl() {
    return baseUrl;
  }

  public void setBaseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public String getApiKey() {
    return apiKey;
  }

  public void setApiKey(String apiKey) {
    this.apiKey = apiKey;
  }

  public String getAuth() {
    return auth;
  }

  public void setAuth(String auth) {
    this.auth = auth;
  }

  public String getModel() {
    return model;
  }

  public void setModel(String model) {
    this.model = model;
  }

  public String getSystem() {
    return system;
  }

  public void setSystem(String system) {
    this.system = system;
  }

  public boolean isRecord() {
    return record;
  }

  public void setRecord(boolean record) {
    this.record = record;
  }

  public boolean isShowReasoning() {
    return showReasoning;
  }

  public void setShowReasoning(boolean showReasoning) {
    this.showReasoning = showReasoning;
  }

  public String getConfigDir() {
    return configDir;
  }

  public void setConfigDir(String configDir) {
    this.configDir = configDir;
  }

  public String getDataDir() {
    return dataDir;
  }

  public void setDataDir(String dataDir) {
    this.dataDir = dataDir;
  }

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public Duration getReadTimeout() {
    return readTimeout;
  }

  public void setReadTimeout(Duration readTimeout) {
    this.readTimeout = readTimeout;
  }

  public long getMaxAnswerBytes() {
    return maxAnswerBytes;
  }

  public void setMaxAnswerBytes(long maxAnswerBytes) {
    this.maxAnswerBytes = maxAnswerBytes;
  }

  public Duration getMaxCommentsOnly() {
    return maxCommentsOnly;
  }

  public void setMaxCommentsOnly(Duration maxCommentsOnly) {
    this.maxCommentsOnly = maxCommentsOnly;
  }

  /** Whether {@code OPENAI_API_KEY} may go to any endpoint, not only api.openai.com. */
  public boolean isOpenaiKeyAnywhere() {
    return openaiKeyAnywhere;
  }

  public void setOpenaiKeyAnywhere(boolean openaiKeyAnywhere) {
    this.openaiKeyAnywhere = openaiKeyAnywhere;
  }

  /** Whether the key may be sent over plain {@code http://} to a host that is not loopback. */
  public boolean isAllowInsecureHttp() {
    return allowInsecureHttp;
  }

  public void setAllowInsecureHttp(boolean allowInsecureHttp) {
    this.allowInsecureHttp = allowInsecureHttp;
  }

  /** Whether the model's text reaches the terminal unsanitized ({@code --raw}). */
  public boolean isRaw() {
    return raw;
  }

  public void setRaw(boolean raw) {
    this.raw = raw;
  }

  /** {@code chat}, {@code messages} or {@code responses}; null for the preset's. */
  public String getApi() {
    return api;
  }

  public void setApi(String api) {
    this.api = api;
  }
}
