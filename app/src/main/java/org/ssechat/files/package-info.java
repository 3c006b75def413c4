/**
 * Files other local users must not read: {@link org.ssechat.files.PrivateFiles} creates
 * ssechat's directories 0700 and its files 0600, new, without following symbolic links, and
 * replaces whole files atomically. The lowest layer of the app beside the failure vocabulary.
 */
package org.ssechat.files;
