import { z } from 'zod';
import { pageOf } from '../../kernel/http/pagination.ts';
import { ZProblem } from '../../kernel/http/problem.ts';
import type { App } from '../../kernel/http/server.ts';
import {
  ZPriceAnswer,
  ZPriceList,
  ZPriceListCreate,
  ZPriceListItems,
  ZPriceListListQuery,
  ZPriceListPatch,
  ZPriceQuery,
  ZProduct,
  ZProductCreate,
  ZProductListQuery,
  ZProductPatch,
} from './products.contract.ts';
import type { ProductsService } from './products.service.ts';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem };
const ZParams = z.object({ id: z.uuid() });

export function registerProductsRoutes(app: App, products: ProductsService): void {
  app.get('/api/v1/products', {
    schema: {
      tags: ['products'],
      summary: 'Products and services, newest first: search over name/SKU, active, category, kind, trash',
      querystring: ZProductListQuery,
      response: { 200: pageOf(ZProduct), ...errors },
    },
    handler: async (request) => products.list(await request.workspace(), request.query),
  });

  app.post('/api/v1/products', {
    schema: { tags: ['products'], summary: 'Create a product (sales.configure; SKU unique per workspace)', body: ZProductCreate, response: { 201: ZProduct, ...errors } },
    handler: async (request, reply) => reply.code(201).send(await products.create(await request.workspace(), request.body)),
  });

  app.get('/api/v1/products/:id', {
    schema: { tags: ['products'], summary: 'A product', params: ZParams, response: { 200: ZProduct, ...errors } },
    handler: async (request) => products.get(await request.workspace(), request.params.id),
  });

  app.patch('/api/v1/products/:id', {
    schema: {
      tags: ['products'],
      summary: 'Change a product (send the version you read; 409 if stale or the SKU is taken)',
      params: ZParams,
      body: ZProductPatch,
      response: { 200: ZProduct, ...errors },
    },
    handler: async (request) => products.update(await request.workspace(), request.params.id, request.body),
  });

  app.delete('/api/v1/products/:id', {
    schema: { tags: ['products'], summary: 'Move a product to the trash (documents keep their lines)', params: ZParams, response: { 204: z.null(), ...errors } },
    handler: async (request, reply) => {
      await products.remove(await request.workspace(), request.params.id);
      return reply.code(204).send(null);
    },
  });

  app.post('/api/v1/products/:id/restore', {
    schema: { tags: ['products'], summary: 'Bring a product back from the trash', params: ZParams, response: { 200: ZProduct, ...errors } },
    handler: async (request) => products.restore(await request.workspace(), request.params.id),
  });

  app.get('/api/v1/products/:id/price', {
    schema: {
      tags: ['products'],
      summary: 'The unit price of a quantity: the price list step with the largest minQuantity ≤ quantity, else the list price',
      params: ZParams,
      querystring: ZPriceQuery,
      response: { 200: ZPriceAnswer, ...errors },
    },
    handler: async (request) => products.price(await request.workspace(), request.params.id, request.query),
  });

  app.get('/api/v1/price-lists', {
    schema: {
      tags: ['products'],
      summary: 'Price lists with their items (archived ones with ?archived=true)',
      querystring: ZPriceListListQuery,
      response: { 200: z.object({ items: z.array(ZPriceList) }), ...errors },
    },
    handler: async (request) => products.listPriceLists(await request.workspace(), request.query),
  });

  app.post('/api/v1/price-lists', {
    schema: { tags: ['products'], summary: 'Create a price list (sales.configure)', body: ZPriceListCreate, response: { 201: ZPriceList, ...errors } },
    handler: async (request, reply) => reply.code(201).send(await products.createPriceList(await request.workspace(), request.body)),
  });

  app.get('/api/v1/price-lists/:id', {
    schema: { tags: ['products'], summary: 'A price list with its items', params: ZParams, response: { 200: ZPriceList, ...errors } },
    handler: async (request) => products.getPriceList(await request.workspace(), request.params.id),
  });

  app.patch('/api/v1/price-lists/:id', {
    schema: { tags: ['products'], summary: 'Change a price list (version; 409 if stale)', params: ZParams, body: ZPriceListPatch, response: { 200: ZPriceList, ...errors } },
    handler: async (request) => products.updatePriceList(await request.workspace(), request.params.id, request.body),
  });

  app.put('/api/v1/price-lists/:id/items', {
    schema: {
      tags: ['products'],
      summary: 'Replace the items of a price list: [{ productId, price, minQuantity }] (volume steps)',
      params: ZParams,
      body: ZPriceListItems,
      response: { 200: ZPriceList, ...errors },
    },
    handler: async (request) => products.replacePriceListItems(await request.workspace(), request.params.id, request.body),
  });

  app.delete('/api/v1/price-lists/:id', {
    schema: { tags: ['products'], summary: 'Archive a price list', params: ZParams, response: { 204: z.null(), ...errors } },
    handler: async (request, reply) => {
      await products.archivePriceList(await request.workspace(), request.params.id);
      return reply.code(204).send(null);
    },
  });
}
