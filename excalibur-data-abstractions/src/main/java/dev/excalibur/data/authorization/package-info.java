/** Authorization grants: who may do what (grant type and qualifier), in which tenant, until when. */
package dev.excalibur.data.authorization;
