import type { INodeProperties } from 'n8n-workflow';

import { EMAIL_TYPES } from '../../../shared/api';
import { byName, showFor } from '../../transport/routing';

const EMAIL_TYPE_NAMES: Record<(typeof EMAIL_TYPES)[number], string> = {
	all: 'All Emails',
	review_request: 'Review Request',
	review_request_test: 'Review Request (Test)',
	discount_for_photo_review: 'Discount for Photo Review',
	left_review: 'Thank You for the Review',
	market_email: 'Marketing Email',
	question_notification: 'Question Notification',
	answer_notification: 'Answer Notification',
	review_request_quota_exhausted: 'Review Request Quota Exhausted',
	review_display_quota_exhausted: 'Review Display Quota Exhausted',
	reply_to_review: 'Reply to Review',
	post_purchase_referral: 'Post-Purchase Referral',
	advocate_reward_paid: 'Advocate Reward Paid',
	advocate_reward_refund: 'Advocate Reward Refund',
	review_media_remind: 'Review Media Reminder',
	auto_leave_review: 'Automatic Review',
	request_update_review: 'Request to Update Review',
};

export const customerUnsubscribeFields: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		description: 'The customer’s email address',
		displayOptions: showFor('customer', ['unsubscribe']),
		routing: { send: { type: 'body', property: 'email', value: '={{ String($value).trim() }}' } },
	},
	{
		displayName: 'Email Type',
		name: 'emailType',
		type: 'options',
		required: true,
		default: 'all',
		description: 'Which TrustWILL emails the customer stops receiving',
		displayOptions: showFor('customer', ['unsubscribe']),
		options: EMAIL_TYPES.map((value) => ({ name: EMAIL_TYPE_NAMES[value], value })).sort(byName),
		routing: { send: { type: 'body', property: 'email_type' } },
	},
];
