<?php
/**
 * Plugin Name:       ReviewDesk
 * Description:       Keeps the fields of the reviews published with ReviewDesk, prints their schema.org Review data for search engines and styles their pros, cons and summary box.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * License:           MIT
 * Text Domain:       reviewdesk
 *
 * ReviewDesk publishes a review as core blocks with its own class names and sends its fields
 * as post meta. Without this plugin WordPress drops the meta (it keeps only registered keys)
 * and the page has no JSON-LD; the blocks stay readable, unstyled.
 */

defined( 'ABSPATH' ) || exit;

const REVIEWDESK_VERSION = '0.1.0';
const REVIEWDESK_REST_NAMESPACE = 'reviewdesk/v1';

/**
 * The post meta ReviewDesk sends, by key, with its JSON type ('array': a list of strings).
 * The same keys and types as ReviewDesk's publishing (core/publish/post.py), which the tests
 * compare.
 *
 * @return array<string, string>
 */
function reviewdesk_meta_types(): array {
	return array(
		'reviewdesk_rating'           => 'number',
		'reviewdesk_rating_best'      => 'number',
		'reviewdesk_rating_worst'     => 'number',
		'reviewdesk_summary'          => 'string',
		'reviewdesk_pros'             => 'array',
		'reviewdesk_cons'             => 'array',
		'reviewdesk_key_features'     => 'array',
		'reviewdesk_key_insights'     => 'array',
		'reviewdesk_badges'           => 'array',
		'reviewdesk_authors'          => 'array',
		'reviewdesk_subject_name'     => 'string',
		'reviewdesk_subject_type'     => 'string',
		'reviewdesk_subject_brand'    => 'string',
		'reviewdesk_subject_url'      => 'string',
		'reviewdesk_subject_version'  => 'string',
		'reviewdesk_updated_gmt'      => 'string',
		'reviewdesk_seo_title'        => 'string',
		'reviewdesk_seo_description'  => 'string',
		'reviewdesk_canonical_url'    => 'string',
		'reviewdesk_jsonld'           => 'string',
	);
}

/**
 * One value per key ('single'): a list is stored whole, so a pro with spaces stays one string.
 * Text is kept as sent (no sanitizing): it is data, escaped wherever it is printed.
 * A number has the default 0, which the REST API shows for it anyway when it is missing: the
 * API checks the stored value before it deletes one (a null sent for a review without a
 * rating), and without a default a missing number reads as '', which is no number (HTTP 500,
 * "invalid stored value").
 */
function reviewdesk_register_meta(): void {
	foreach ( reviewdesk_meta_types() as $key => $type ) {
		$schema = array( 'type' => $type );
		if ( 'array' === $type ) {
			$schema['items'] = array( 'type' => 'string' );
		}
		$args = array(
			'type'          => $type,
			'single'        => true,
			'show_in_rest'  => array( 'schema' => $schema ),
			'auth_callback' => 'reviewdesk_may_edit_meta',
		);
		if ( 'number' === $type ) {
			$args['default'] = 0;
		}
		register_post_meta( 'post', $key, $args );
	}
}
add_action( 'init', 'reviewdesk_register_meta' );

/**
 * Whoever may edit the post may change its review fields.
 *
 * @param bool   $allowed  Whether the user can add the meta (ignored).
 * @param string $meta_key The meta key.
 * @param int    $post_id  The post.
 */
function reviewdesk_may_edit_meta( $allowed, $meta_key, $post_id ): bool {
	return current_user_can( 'edit_post', (int) $post_id );
}

/**
 * Whether `$post_id` is a review ReviewDesk published: every publish sends its JSON-LD.
 */
function reviewdesk_is_review( int $post_id ): bool {
	return $post_id > 0 && '' !== reviewdesk_jsonld_text( $post_id );
}

/**
 * The JSON-LD text kept with the post ('' when none, or when something else stored a value
 * that is not text).
 */
function reviewdesk_jsonld_text( int $post_id ): string {
	$text = get_post_meta( $post_id, 'reviewdesk_jsonld', true );
	return is_string( $text ) ? $text : '';
}

/**
 * The review being shown: a single post of ReviewDesk's the visitor may read, else 0.
 */
function reviewdesk_current_review(): int {
	if ( ! is_singular( 'post' ) ) {
		return 0;
	}
	$post_id = (int) get_queried_object_id();
	if ( ! reviewdesk_is_review( $post_id ) || post_password_required( $post_id ) ) {
		return 0;
	}
	return $post_id;
}

/**
 * The JSON-LD of a review, or null when its meta holds none that names a Review.
 *
 * ReviewDesk writes it (the reviewed item with the Review nested in it, after Google's
 * review snippet rules); the plugin adds what only the site knows: the page's address, for a
 * review published before it had one, and the featured image.
 *
 * @return array<string, mixed>|null
 */
function reviewdesk_jsonld( int $post_id ): ?array {
	$data = json_decode( reviewdesk_jsonld_text( $post_id ), true );
	if ( ! is_array( $data ) || ! isset( $data['review'] ) || ! is_array( $data['review'] ) ) {
		return null;
	}
	$review = $data['review'];
	if ( ! isset( $review['@type'] ) || 'Review' !== $review['@type'] ) {
		return null;
	}
	if ( empty( $review['url'] ) ) {
		$review['url'] = get_permalink( $post_id );
	}
	if ( empty( $review['image'] ) && has_post_thumbnail( $post_id ) ) {
		$image = wp_get_attachment_image_url( (int) get_post_thumbnail_id( $post_id ), 'full' );
		if ( $image ) {
			$review['image'] = $image;
		}
	}
	$data['review'] = $review;
	return $data;
}

/**
 * The review's JSON-LD in the page's head. JSON_HEX_TAG and JSON_HEX_AMP write < > & as
 * \u escapes: no text of the review can close the script element or open a comment in it.
 */
function reviewdesk_print_jsonld(): void {
	$post_id = reviewdesk_current_review();
	$data    = $post_id ? reviewdesk_jsonld( $post_id ) : null;
	if ( null === $data ) {
		return;
	}
	$json = wp_json_encode( $data, JSON_HEX_TAG | JSON_HEX_AMP | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE );
	if ( false === $json ) {
		return;
	}
	echo '<script type="application/ld+json">' . $json . "</script>\n"; // phpcs:ignore WordPress.Security.EscapeOutput -- JSON with < > & escaped.
}
add_action( 'wp_head', 'reviewdesk_print_jsonld' );

/**
 * The stylesheets of the review's blocks, on ReviewDesk's posts only: the layout's, and after it
 * that of the review blocks (verdict, scores, specifications, where to buy, updates).
 */
function reviewdesk_enqueue_style(): void {
	if ( reviewdesk_current_review() ) {
		wp_enqueue_style( 'reviewdesk', plugins_url( 'review.css', __FILE__ ), array(), REVIEWDESK_VERSION );
		wp_enqueue_style( 'reviewdesk-blocks', plugins_url( 'review-blocks.css', __FILE__ ), array( 'reviewdesk' ), REVIEWDESK_VERSION );
	}
}
add_action( 'wp_enqueue_scripts', 'reviewdesk_enqueue_style' );

/**
 * GET /wp-json/reviewdesk/v1/plugin, for ReviewDesk's `site test`: the plugin's version and
 * the meta keys it keeps (a plugin older than the app keeps fewer).
 */
function reviewdesk_register_routes(): void {
	register_rest_route(
		REVIEWDESK_REST_NAMESPACE,
		'/plugin',
		array(
			'methods'             => 'GET',
			'callback'            => 'reviewdesk_plugin_info',
			'permission_callback' => 'reviewdesk_may_edit_posts',
		)
	);
}
add_action( 'rest_api_init', 'reviewdesk_register_routes' );

function reviewdesk_may_edit_posts(): bool {
	return current_user_can( 'edit_posts' );
}

/**
 * @return array<string, mixed>
 */
function reviewdesk_plugin_info(): array {
	return array(
		'version' => REVIEWDESK_VERSION,
		'meta'    => reviewdesk_meta_types(),
	);
}
