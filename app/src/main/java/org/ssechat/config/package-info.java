/**
 * Settings: raw {@code ssechat.*} properties ({@link org.ssechat.config.SsechatProperties}),
 * provider presets ({@link org.ssechat.config.Provider}) and the resolved, immutable
 * {@link org.ssechat.config.Settings}.
 */
package org.ssechat.config;
