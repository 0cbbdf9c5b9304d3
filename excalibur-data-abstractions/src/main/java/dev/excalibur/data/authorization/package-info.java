/** Authorization grants: who may do what (grant type and qualifier), in which tenant, until when. */
@NullMarked
package dev.excalibur.data.authorization;

import org.jspecify.annotations.NullMarked;
