@NullMarked
package dev.tandem.crmorg;

import org.jspecify.annotations.NullMarked;
