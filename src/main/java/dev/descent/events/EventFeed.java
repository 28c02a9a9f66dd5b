package dev.descent.events;

import java.util.List;

/**
 * What one client's stream sends: each call answers the events the client has not had
 * yet, in order, from the feature's current records, and moves the feed's own cursor past
 * them. Calls come one at a time.
 */
public interface EventFeed {

	/**
	 * @return the events not yet sent, possibly none
	 */
	List<ServerEvent> next();

	/**
	 * @return whether the last event has been sent: the stream then ends
	 */
	boolean finished();

}
